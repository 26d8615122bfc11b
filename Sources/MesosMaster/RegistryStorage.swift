import MesosMasterCore

/// Where the master keeps its ``MasterRegistry``: `<work_dir>/registry.json`
/// (``WorkDirRegistryStore``) or, with `--zk`, a znode (``ZooKeeperRegistryStore``).
protocol RegistryStorage: Sendable {
    /// Where it is, for log messages.
    var location: String { get }
    /// The stored registry, or nil when there is none yet.
    func load() async throws -> MasterRegistry?
    /// Replaces the stored registry. Throws ``RegistryWriteConflict`` when another master wrote
    /// it since this one loaded it (this master is not the leader any more).
    func save(_ registry: MasterRegistry) async throws
}

/// The registry was written by another master since this one read it: this master was deposed
/// and must stop acting as the leader.
struct RegistryWriteConflict: Error, CustomStringConvertible {
    /// Where the registry is.
    let location: String
    var description: String { "the registry at \(location) was written by another master: this master is not the leader any more" }
}
