/// The packed IPv4 form of `MasterInfo.ip`: the four address bytes in network
/// order, read as a little-endian `UInt32` (so `10.0.0.1` is `16777226`).
public enum PackedIPv4 {
    /// Packs a dotted-quad IPv4 address.
    ///
    /// - Returns: `nil` unless `dotted` is exactly four decimal octets (0-255).
    public static func pack(_ dotted: String) -> UInt32? {
        let parts = dotted.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var packed: UInt32 = 0
        for (index, part) in parts.enumerated() {
            guard (1...3).contains(part.count), part.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                let octet = UInt8(part)
            else { return nil }
            packed |= UInt32(octet) << (8 * UInt32(index))
        }
        return packed
    }

    /// Unpacks to a dotted-quad IPv4 address.
    public static func unpack(_ packed: UInt32) -> String {
        (0..<4).map { String((packed >> (8 * UInt32($0))) & 0xFF) }.joined(separator: ".")
    }
}
