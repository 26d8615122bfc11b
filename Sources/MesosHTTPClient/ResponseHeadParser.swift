/// Assembles a response head from the header lines libcurl reports one at a time.
///
/// Skips interim `1xx` heads, ignores trailers after the head, and bounds the bytes it accepts.
struct ResponseHeadParser: Sendable {
    enum Event: Equatable, Sendable {
        /// More lines are needed.
        case incomplete
        /// The final head is complete.
        case complete(status: Int, headers: HTTPHeaders)
        /// A line after the head (a trailer), ignored.
        case ignored
    }

    let maximumBytes: Int
    private var status: Int?
    private var headers = HTTPHeaders()
    private var consumedBytes = 0
    private(set) var isComplete = false

    init(maximumBytes: Int) {
        self.maximumBytes = maximumBytes
    }

    /// Consumes one header line, with or without its line terminator.
    mutating func consume(line rawLine: some Collection<UInt8>) throws(HTTPClientError) -> Event {
        if isComplete { return .ignored }
        consumedBytes += rawLine.count
        guard consumedBytes <= maximumBytes else { throw .headersTooLarge(limit: maximumBytes) }

        var line = Array(rawLine)
        while let last = line.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") {
            line.removeLast()
        }
        if line.isEmpty {
            guard let status else {
                throw .transport(code: 8, message: "the server sent header lines without a status line")
            }
            if (100..<200).contains(status) {
                self.status = nil
                headers = HTTPHeaders()
                return .incomplete
            }
            isComplete = true
            return .complete(status: status, headers: headers)
        }
        if line.starts(with: Array("HTTP/".utf8)) {
            status = try Self.parseStatus(line)
            headers = HTTPHeaders()
            return .incomplete
        }
        guard status != nil else {
            throw .transport(code: 8, message: "the server sent a header line before the status line")
        }
        if line[0] == UInt8(ascii: " ") || line[0] == UInt8(ascii: "\t") {
            headers.extendLastValue(with: String(decoding: Self.trimmed(line[...]), as: UTF8.self))
            return .incomplete
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            return .incomplete  // not a field; tolerated like other clients do
        }
        let name = String(decoding: Self.trimmed(line[..<colon]), as: UTF8.self)
        let value = String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self)
        headers.add(name: name, value: value)
        return .incomplete
    }

    /// The status code of `HTTP/1.1 200 OK` or `HTTP/2 200`.
    private static func parseStatus(_ line: [UInt8]) throws(HTTPClientError) -> Int {
        let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[1].count == 3,
              parts[1].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let status = Int(String(decoding: parts[1], as: UTF8.self)), status >= 100
        else {
            let shown = String(decoding: line.prefix(80), as: UTF8.self)
            throw .transport(code: 8, message: "the server sent an invalid status line '\(shown)'")
        }
        return status
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }),
              let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return [] }
        return bytes[first...last]
    }
}
