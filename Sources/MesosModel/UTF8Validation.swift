/// UTF-8 validation without building a `String` (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF).
enum UTF8Validation {
    /// Whether `bytes` are well-formed UTF-8.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let count = bytes.count
        while i < count {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            // The allowed range of the second byte depends on the lead byte.
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard count - i >= length, (low...high).contains(bytes[i + 1]) else { return false }
            for offset in 2..<length where bytes[i + offset] & 0xC0 != 0x80 {
                return false
            }
            i += length
        }
        return true
    }
}
