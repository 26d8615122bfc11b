import CMesosShims

/// The parts of a request URL the client needs, as libcurl itself parses them.
struct RequestTarget: Sendable, Equatable {
    /// The longest URL accepted.
    static let maximumURLLength = 8192

    var url: String
    var scheme: String
    var host: String
    var port: Int

    /// Parses `url`, accepting only absolute `http` and `https` URLs with a host.
    init(parsing url: String) throws(HTTPClientError) {
        guard url.utf8.count <= Self.maximumURLLength else {
            throw .invalidURL(url: String(url.prefix(100)) + "...", reason: "longer than \(Self.maximumURLLength) bytes")
        }
        guard !url.utf8.contains(0) else {
            throw .invalidURL(url: url, reason: "contains a NUL byte")
        }
        guard let handle = curl_url() else {
            throw .transport(code: 27, message: "out of memory while parsing a URL")
        }
        defer { curl_url_cleanup(handle) }
        let setCode = url.withCString { curl_url_set(handle, CURLUPART_URL, $0, 0) }
        guard setCode == CURLUE_OK else {
            throw .invalidURL(url: url, reason: Self.message(for: setCode))
        }
        guard let scheme = Self.part(CURLUPART_SCHEME, of: handle)?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .invalidURL(url: url, reason: "only http and https are supported")
        }
        guard let host = Self.part(CURLUPART_HOST, of: handle), !host.isEmpty else {
            throw .invalidURL(url: url, reason: "it names no host")
        }
        var portText: UnsafeMutablePointer<CChar>?
        let portCode = cmesos_curl_url_get_port_or_default(handle, &portText)
        defer { curl_free(portText) }
        guard portCode == CURLUE_OK, let portText, let port = Int(String(cString: portText)) else {
            throw .invalidURL(url: url, reason: "it names no valid port")
        }
        self.url = url
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    private static func part(_ part: CURLUPart, of handle: OpaquePointer) -> String? {
        var text: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, part, &text, 0) == CURLUE_OK, let text else { return nil }
        defer { curl_free(text) }
        return String(cString: text)
    }

    private static func message(for code: CURLUcode) -> String {
        guard let text = curl_url_strerror(code) else { return "malformed URL" }
        return String(cString: text).lowercased()
    }
}
