import CMesosShims

/// libcurl's process-wide initialization, performed once before the first client starts.
enum CurlGlobal {
    /// The `CURLcode` of `curl_global_init(CURL_GLOBAL_ALL)`; Swift runs this initializer exactly once.
    private static let initializationCode: UInt32 = cmesos_curl_global_init_all().rawValue

    /// Initializes libcurl if needed; throws when it could not be initialized.
    static func ensureInitialized() throws(HTTPClientError) {
        let code = initializationCode
        guard code == CURLE_OK.rawValue else {
            throw .transport(code: Int(code), message: "curl_global_init failed: \(CurlError.message(forCode: code))")
        }
    }
}

/// Text for libcurl result codes.
enum CurlError {
    static func message(forCode code: UInt32) -> String {
        guard let text = curl_easy_strerror(CURLcode(rawValue: code)) else { return "unknown error" }
        return String(cString: text)
    }
}
