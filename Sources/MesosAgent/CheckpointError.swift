import Foundation

/// A checkpoint could not be written.
public struct CheckpointError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What failed.
    public var operation: String
    /// `errno`.
    public var code: Int32

    /// A message that says what to check.
    public var description: String {
        "could not \(operation) checkpoint \(path): \(String(cString: strerror(code))); check that --work_dir is writable and not full"
    }
}
