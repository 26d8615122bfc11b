/// Bounds on what a resource description may contain, so input from
/// frameworks, operators and agents cannot make the master do unbounded work.
public enum ResourceLimits {
    /// The largest scalar value accepted (`1e12`, e.g. an exabyte of `mem` in
    /// megabytes); below it every value keeps exact thousandths.
    public static let maximumScalar: Double = 1e12
    /// The longest resource or attribute name accepted, in UTF-8 bytes.
    public static let maximumNameLength = 256
    /// The most ranges one `RANGES` value may list.
    public static let maximumRanges = 10_000
    /// The most items one `SET` value may list.
    public static let maximumSetItems = 10_000
    /// The longest text `Resources.parse` and attribute parsing accept, in UTF-8 bytes.
    public static let maximumTextLength = 1 << 20
}
