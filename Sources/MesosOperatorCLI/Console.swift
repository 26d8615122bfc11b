import Foundation

/// Writes to standard output and standard error at once (no buffering), so that `tail --follow`
/// output reaches a pipe as it arrives.
public enum Console {
    /// Writes `text` to standard output.
    public static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `line` and a newline to standard error.
    public static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
