/// Mesos's leader election znodes: every contender creates an EPHEMERAL|SEQUENTIAL child
/// `json.info_<10 digits>` of the election path; the child with the lowest sequence leads.
public enum ElectionNodes {
    /// The name prefix of a contender's node (ZooKeeper appends the sequence).
    public static let prefix = "json.info_"

    /// The sequence number of a child name whose last `_` token is numeric, else nil
    /// (children such as `log_replicas` take no part in the election).
    public static func sequence(of child: String) -> Int64? {
        guard let underscore = child.lastIndex(of: "_") else { return nil }
        let digits = child[child.index(after: underscore)...]
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int64(digits)
    }

    /// The leading contender among `children`: the lowest sequence (ties by name), or nil.
    public static func leader(in children: [String]) -> String? {
        children
            .compactMap { child in sequence(of: child).map { (child, $0) } }
            .min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?
            .0
    }
}
