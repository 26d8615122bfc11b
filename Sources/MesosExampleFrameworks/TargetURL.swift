import Foundation

/// Checks a Throttler target URL.
public enum TargetURL {
    /// Why `text` is not an absolute `http://` or `https://` URL with a host, or nil when it is.
    public static func problem(with text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            return "'\(text)' is not a URL"
        }
        guard scheme == "http" || scheme == "https" else {
            return "'\(text)' is not an http:// or https:// URL"
        }
        guard let host = url.host, !host.isEmpty else { return "'\(text)' has no host" }
        if let port = url.port, !(1...65535).contains(port) { return "'\(text)' has an invalid port" }
        return nil
    }
}
