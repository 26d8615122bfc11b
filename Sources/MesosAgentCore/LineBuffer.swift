/// Splits a byte stream that arrives in arbitrary chunks into newline-terminated lines.
public struct LineBuffer: Sendable {
    /// Longer unfinished lines are dropped (their rest too) instead of growing without bound.
    public let maximumLineLength: Int
    private var pending: [UInt8] = []
    private var discarding = false

    /// Creates an empty buffer.
    public init(maximumLineLength: Int = 1 << 20) {
        self.maximumLineLength = maximumLineLength
    }

    /// Appends `bytes` and returns the lines they completed (without the `\n`, nor a `\r` before it).
    public mutating func append(_ bytes: some Sequence<UInt8>) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if !discarding {
                    if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
                    lines.append(String(decoding: pending, as: UTF8.self))
                }
                pending.removeAll(keepingCapacity: true)
                discarding = false
            } else if !discarding {
                pending.append(byte)
                if pending.count > maximumLineLength {
                    pending.removeAll()
                    discarding = true
                }
            }
        }
        return lines
    }
}
