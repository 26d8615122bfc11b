import Foundation

/// The `/files` endpoints' view of the disk: only paths inside the agent's sandboxes, after
/// resolving `..` and symlinks; everything else is refused.
public struct SandboxFiles: Sendable {
    /// The most bytes one `/files/read` returns.
    public static let maximumReadLength = 1 << 20
    /// The largest file `/files/download` serves.
    public static let maximumDownloadSize: Int64 = 256 << 20

    /// Why a path is not served.
    public enum Refusal: Error, Sendable, Equatable {
        /// The path is outside the sandboxes (HTTP 403).
        case outsideSandboxes(String)
        /// There is nothing at the path (HTTP 404).
        case notFound(String)
    }

    /// The directory every sandbox lives in (`<work_dir>/slaves`).
    public let root: String

    /// Creates a view of `root`.
    public init(root: String) {
        self.root = root
    }

    /// The real path of `path` (absolute, or relative to the root) when it lies inside the root.
    public func resolve(_ path: String) throws(Refusal) -> String {
        guard !path.isEmpty, !path.contains("\0") else { throw .outsideSandboxes(path) }
        let joined = path.hasPrefix("/") ? path : root + "/" + path
        guard let realRoot = Self.realPath(root) else { throw .notFound(path) }
        guard let real = Self.realPath(joined) else {
            // Refuse lexically escaping paths even when they do not exist.
            let lexical = (joined as NSString).standardizingPath
            if lexical != realRoot, !lexical.hasPrefix(realRoot + "/"), !lexical.hasPrefix(root + "/"), lexical != root {
                throw .outsideSandboxes(path)
            }
            throw .notFound(path)
        }
        guard real == realRoot || real.hasPrefix(realRoot + "/") else { throw .outsideSandboxes(path) }
        return real
    }

    /// `realpath(3)`: absolute, with `..` and symlinks resolved; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
