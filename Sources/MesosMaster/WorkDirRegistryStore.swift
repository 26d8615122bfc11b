import Foundation
import MesosMasterCore
import MesosModel

/// Reads and atomically writes the registry in `<work_dir>/registry.json`
/// (write a temporary file, fsync it, rename it over the old one, fsync the directory).
struct WorkDirRegistryStore: RegistryStorage {
    /// The work directory.
    let directory: URL

    var location: String { file.path }

    var file: URL { directory.appendingPathComponent("registry.json") }

    /// The stored registry, or nil when there is none yet.
    func load() async throws -> MasterRegistry? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let data = try Data(contentsOf: file)
        do {
            return try MesosJSON.decode(MasterRegistry.self, from: data)
        } catch {
            throw MasterStartupError("The registry \(file.path) is corrupt (\(error)); move it away to start with an empty cluster")
        }
    }

    /// Writes `registry` atomically and durably.
    func save(_ registry: MasterRegistry) async throws {
        let data = try MesosJSON.encode(registry)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent("registry.json.tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw MasterStartupError("Cannot write \(temporary.path): \(String(cString: strerror(errno)))") }
        var written = 0
        let ok = data.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            while written < buffer.count {
                let n = write(fd, base.advanced(by: written), buffer.count - written)
                if n <= 0 { return false }
                written += n
            }
            return true
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard ok, synced else { throw MasterStartupError("Cannot write \(temporary.path): \(String(cString: strerror(errno)))") }
        guard rename(temporary.path, file.path) == 0 else {
            throw MasterStartupError("Cannot rename \(temporary.path) to \(file.path): \(String(cString: strerror(errno)))")
        }
        let dirfd = open(directory.path, O_RDONLY)
        if dirfd >= 0 {
            _ = fsync(dirfd)
            close(dirfd)
        }
    }
}
