/// Short human forms of elapsed times and quantities for tables: `42s`, `3m12s`, `2h05m`, `3d04h`;
/// `0.5`, `2`, `1.25`.
public enum CellText {
    /// `seconds` as `42s`, `3m12s`, `2h05m` or `3d04h`; `-` when unknown or negative.
    public static func elapsed(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return "-" }
        let total = Int(seconds)
        let (days, hours, minutes, secs) = (total / 86_400, total / 3600 % 24, total / 60 % 60, total % 60)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        if days > 0 { return "\(days)d\(two(hours))h" }
        if hours > 0 { return "\(hours)h\(two(minutes))m" }
        if minutes > 0 { return "\(minutes)m\(two(secs))s" }
        return "\(secs)s"
    }

    /// A resource quantity with at most three decimals and no trailing zeros: `0.5`, `2`, `1.125`.
    public static func quantity(_ value: Double) -> String {
        let thousandths = (value * 1000).rounded()
        let whole = Int(thousandths / 1000)
        var fraction = Int(abs(thousandths).truncatingRemainder(dividingBy: 1000))
        if fraction == 0 { return "\(whole)" }
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let padded = String(repeating: "0", count: digits - String(fraction).count) + String(fraction)
        let sign = value < 0 && whole == 0 ? "-" : ""
        return "\(sign)\(whole).\(padded)"
    }
}
