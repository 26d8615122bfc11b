import Foundation

/// Size-based rotation of a sandbox's `stdout`/`stderr`: a file over the limit is copied to
/// `<name>.1` (replacing the previous one) and truncated in place, so that the writer, which
/// appends, keeps its file descriptor ("copytruncate").
public enum SandboxLogRotation {
    /// The files rotated in each sandbox.
    public static let fileNames = ["stdout", "stderr"]

    /// Rotates the logs of `sandbox` that are larger than `maximumSize` bytes.
    /// Returns the paths that were rotated.
    @discardableResult
    public static func rotate(sandbox: String, maximumSize: Int64) -> [String] {
        guard maximumSize > 0 else { return [] }
        var rotated: [String] = []
        for name in fileNames {
            let path = sandbox + "/" + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let size = (attributes[.size] as? NSNumber)?.int64Value, size > maximumSize
            else { continue }
            let previous = path + ".1"
            try? FileManager.default.removeItem(atPath: previous)
            do {
                try FileManager.default.copyItem(atPath: path, toPath: previous)
            } catch {
                continue
            }
            if truncate(path, 0) == 0 { rotated.append(path) }
        }
        return rotated
    }
}
