/// Lexical path arithmetic for paths that must stay inside a directory.
public enum RelativePath {
    /// Normalizes a relative path (`.`, `..`, repeated slashes) and returns its components,
    /// or `nil` when it is absolute or climbs above its starting directory.
    public static func components(of path: String) -> [String]? {
        guard !path.hasPrefix("/") else { return nil }
        var result: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !result.isEmpty else { return nil }
                result.removeLast()
            default: result.append(String(part))
            }
        }
        return result
    }

    /// `base` joined with the normalized relative `path`, or `nil` when `path` escapes `base`.
    public static func join(_ base: String, _ path: String) -> String? {
        guard let parts = components(of: path) else { return nil }
        let trimmed = base.hasSuffix("/") && base.count > 1 ? String(base.dropLast()) : base
        return parts.isEmpty ? trimmed : trimmed + "/" + parts.joined(separator: "/")
    }

    /// Normalizes an absolute path lexically; `nil` for relative paths.
    public static func normalizedAbsolute(_ path: String) -> String? {
        guard path.hasPrefix("/"), let parts = components(of: String(path.dropFirst())) else { return nil }
        return "/" + parts.joined(separator: "/")
    }
}
