/// Why an HTTP exchange failed. Every error thrown by ``HTTPClient`` and ``HTTPResponseBody`` is one of these.
public enum HTTPClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The URL is not an absolute `http://` or `https://` URL.
    case invalidURL(url: String, reason: String)
    /// The request is malformed (a header name or value with forbidden characters, a bad method).
    case invalidRequest(reason: String)
    /// The host name did not resolve.
    case couldNotResolveHost(host: String)
    /// Nothing accepted the connection (refused, unreachable, or no route).
    case couldNotConnect(host: String, port: Int)
    /// The exchange exceeded its total timeout or its connect timeout.
    case timedOut(url: String)
    /// The response body is larger than ``HTTPClientConfiguration/maximumBodySize``.
    case bodyTooLarge(limit: Int)
    /// The response headers are larger than ``HTTPClientConfiguration/maximumHeaderBytes``.
    case headersTooLarge(limit: Int)
    /// The calling task was cancelled or the response body was dropped or cancelled.
    case cancelled
    /// The client was shut down before or during the exchange.
    case shutDown
    /// Any other failure reported by libcurl: its `CURLcode` and message.
    case transport(code: Int, message: String)

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            return "Invalid URL '\(url)': \(reason); use an absolute http:// or https:// URL such as http://127.0.0.1:5050/api/v1"
        case .invalidRequest(let reason):
            return "Invalid HTTP request: \(reason)"
        case .couldNotResolveHost(let host):
            return "Could not resolve host '\(host)'; check the host name and DNS configuration"
        case .couldNotConnect(let host, let port):
            return "Could not connect to \(host):\(port); check that the server is running and reachable on that port"
        case .timedOut(let url):
            return "Request to \(url) timed out; the server may be overloaded or unreachable, or raise the request timeout"
        case .bodyTooLarge(let limit):
            return "Response body exceeds the limit of \(limit) bytes; "
                + "raise HTTPClientConfiguration.maximumBodySize or use stream(_:)"
        case .headersTooLarge(let limit):
            return "Response headers exceed the limit of \(limit) bytes; "
                + "raise HTTPClientConfiguration.maximumHeaderBytes if the server is trusted"
        case .cancelled:
            return "The HTTP request was cancelled"
        case .shutDown:
            return "The HTTP client was shut down; create a new HTTPClient to send more requests"
        case .transport(let code, let message):
            return "HTTP transfer failed (curl error \(code)): \(message)"
        }
    }
}
