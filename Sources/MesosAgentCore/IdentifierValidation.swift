/// Mesos's rules for ids that end up in paths and container names.
public enum IdentifierValidation {
    /// The longest id accepted.
    public static let maximumLength = 255

    /// Why `value` is not a valid id, or `nil` when it is.
    public static func problem(with value: String, kind: String) -> String? {
        if value.isEmpty { return "\(kind) must not be empty" }
        if value.utf8.count > maximumLength { return "\(kind) is longer than \(maximumLength) bytes" }
        if value == "." || value == ".." { return "\(kind) '\(value)' is not allowed" }
        for scalar in value.unicodeScalars {
            if scalar == "/" || scalar == "\\" || scalar.properties.isWhitespace
                || scalar.properties.generalCategory == .control {
                return "\(kind) '\(value)' contains '/', '\\', whitespace or control characters"
            }
        }
        return nil
    }
}
