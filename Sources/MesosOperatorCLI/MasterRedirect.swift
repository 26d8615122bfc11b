/// A standby master's `307` answer: its `Location` (`//host:port/path`, or an absolute URL)
/// names the leader.
public enum MasterRedirect {
    /// The leader's base URL (`http://host:port`) from a `Location` header; nil when it names none.
    public static func leaderBase(location: String, scheme: String = "http") -> String? {
        var rest = Substring(location)
        var scheme = scheme
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
        } else if let range = rest.range(of: "://") {
            scheme = String(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        } else {
            return nil
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        guard !authority.isEmpty else { return nil }
        return "\(scheme)://\(authority)"
    }
}
