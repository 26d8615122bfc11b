/// A validated ``HTTPRequest`` with everything the curl thread needs to configure a transfer.
struct PreparedRequest: Sendable {
    /// The longest timeout accepted (longer values are clamped): one year.
    static let maximumTimeoutMilliseconds = 365 * 24 * 3600 * 1000

    var target: RequestTarget
    var method: HTTPMethod
    /// Header lines in libcurl's form (`Name: value`, `Name;` for an empty value, `Name:` to suppress
    /// a header libcurl would add).
    var headerLines: [String]
    var body: [UInt8]
    var timeoutMilliseconds: Int?
    var connectTimeoutMilliseconds: Int
    var maximumBodySize: Int?
    var basicAuthentication: BasicAuthentication?
    var userAgent: String
    var maximumHeaderBytes: Int

    /// Validates `request`; `timeout` is its total timeout after defaults were applied.
    init(
        _ request: HTTPRequest,
        timeout: Duration?,
        maximumBodySize: Int?,
        configuration: HTTPClientConfiguration
    ) throws(HTTPClientError) {
        target = try RequestTarget(parsing: request.url)
        method = request.method
        let methodBytes = request.method.rawValue.utf8
        guard !methodBytes.isEmpty, methodBytes.count <= 32, methodBytes.allSatisfy(Self.isTokenByte) else {
            throw .invalidRequest(reason: "'\(request.method.rawValue)' is not a valid HTTP method")
        }
        var lines: [String] = []
        for header in request.headers {
            guard !header.name.utf8.isEmpty, header.name.utf8.allSatisfy(Self.isTokenByte) else {
                throw .invalidRequest(reason: "header name '\(header.name)' contains characters not allowed in a header name")
            }
            guard !header.value.utf8.contains(where: { $0 == 0 || $0 == 10 || $0 == 13 }) else {
                throw .invalidRequest(reason: "the value of header '\(header.name)' contains a line break or NUL")
            }
            if HTTPHeaders.namesMatch(header.name, "Content-Length") || HTTPHeaders.namesMatch(header.name, "Transfer-Encoding") {
                throw .invalidRequest(reason: "do not set '\(header.name)': the client derives it from the body")
            }
            lines.append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        if !request.headers.contains("Expect") {
            lines.append("Expect:")  // no "100-continue" round trip for larger bodies
        }
        if Self.sendsBody(method: request.method, body: request.body), !request.headers.contains("Content-Type") {
            lines.append("Content-Type:")  // libcurl would otherwise claim a form body
        }
        headerLines = lines
        body = request.body
        timeoutMilliseconds = try timeout.map { duration throws(HTTPClientError) in
            try Self.milliseconds(duration, name: "timeout")
        }
        connectTimeoutMilliseconds = try Self.milliseconds(
            request.connectTimeout ?? configuration.defaultConnectTimeout, name: "connect timeout")
        self.maximumBodySize = maximumBodySize
        basicAuthentication = request.basicAuthentication
        userAgent = configuration.userAgent
        maximumHeaderBytes = configuration.maximumHeaderBytes
    }

    /// Whether the transfer carries a request body (POST always does, possibly empty).
    static func sendsBody(method: HTTPMethod, body: [UInt8]) -> Bool {
        method == .post || (!body.isEmpty && method != .head)
    }

    private static func milliseconds(_ duration: Duration, name: String) throws(HTTPClientError) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds > 0 || (seconds == 0 && attoseconds > 0) else {
            throw .invalidRequest(reason: "the \(name) must be positive, got \(duration)")
        }
        let maximumSeconds = Int64(maximumTimeoutMilliseconds / 1000)
        guard seconds < maximumSeconds else { return maximumTimeoutMilliseconds }
        let milliseconds = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        return max(1, milliseconds)
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
