import Foundation
import Subprocess
import SystemPackage

/// Finds a command's executable in `PATH` in-process. Handing swift-subprocess a bare name
/// makes it try every `PATH` directory with a spawn of its own (six here before `docker` is
/// found: milliseconds per docker CLI command, paid by every task).
public enum ExecutableLookup {
    /// `command` as an ``Executable``: see ``path(for:searchPath:)``.
    public static func executable(for command: String,
                           searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> Executable {
        let found = path(for: command, searchPath: searchPath)
        return found.contains("/") ? .path(FilePath(found)) : .name(found)
    }

    /// `command` as given when it contains `/`, else the first executable file named `command` in
    /// `searchPath` (`PATH`), else the bare name (so that swift-subprocess reports it missing).
    public static func path(for command: String, searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> String {
        if command.contains("/") { return command }
        for directory in (searchPath ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = directory + "/" + command
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return command
    }
}
