/// Rules for Mesos role names (`src/common/roles.cpp`): hierarchical names
/// like `eng/backend`, with `*` meaning "any role" (unreserved).
public enum RoleName {
    /// The default role: resources with it are unreserved.
    public static let any = "*"

    /// Why `role` is not a valid role name, in Mesos's words; `nil` when valid.
    public static func validationError(_ role: String) -> String? {
        if role == any { return nil }
        if role.hasPrefix("/") { return "Role '\(role)' cannot start with a slash" }
        if role.hasSuffix("/") { return "Role '\(role)' cannot end with a slash" }
        if role.contains("//") { return "Role '\(role)' cannot contain two adjacent slashes" }
        let components = role.split(separator: "/")
        if components.isEmpty { return "Role names cannot be the empty string" }
        for component in components {
            if component == "." { return "Role '\(role)' cannot include '.' as a component" }
            if component == ".." { return "Role '\(role)' cannot include '..' as a component" }
            if component == "*" { return "Role '\(role)' cannot include '*' as a component" }
            if component.hasPrefix("-") {
                return "Role component '\(component)' is invalid because it starts with a dash"
            }
            if component.unicodeScalars.contains(where: { invalidScalars.contains($0.value) }) {
                return "Role component '\(component)' is invalid because it contains backspace or whitespace"
            }
        }
        return nil
    }

    /// Tab, line feed, vertical tab, form feed, carriage return, space, delete.
    private static let invalidScalars: Set<UInt32> = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x7f]

    /// Whether `role` is strictly below `ancestor` in the hierarchy
    /// (`eng/web` is a strict subrole of `eng`; `eng` and `engineering` are not).
    public static func isStrictSubrole(_ role: String, of ancestor: String) -> Bool {
        role.utf8.count > ancestor.utf8.count
            && role.utf8.starts(with: ancestor.utf8)
            && role.utf8[role.utf8.index(role.utf8.startIndex, offsetBy: ancestor.utf8.count)] == UInt8(ascii: "/")
    }

    /// The ancestors of `role`, nearest first: `a/b/c` → `["a/b", "a"]`.
    public static func ancestors(of role: String) -> [String] {
        var result: [String] = []
        var current = Substring(role)
        while let slash = current.lastIndex(of: "/") {
            current = current[..<slash]
            result.append(String(current))
        }
        return result
    }
}
