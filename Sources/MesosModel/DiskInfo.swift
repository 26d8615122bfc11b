/// Disk-specific information of a `disk` resource (`Resource.DiskInfo`):
/// persistent volumes and where the disk space comes from.
public struct DiskInfo: Codable, Sendable, Hashable {
    /// Identifies a persistent volume: `{"id": "vol-1", "principal": "ops"}`.
    public struct Persistence: Codable, Sendable, Hashable {
        /// The volume ID, unique per role on an agent.
        public var id: String
        /// The principal that created the volume.
        public var principal: String?

        /// Creates persistence info.
        public init(id: String, principal: String? = nil) {
            self.id = id
            self.principal = principal
        }

        private enum CodingKeys: String, CodingKey {
            case id
            case principal
        }
    }

    /// Where the disk space comes from (`DiskInfo.Source`).
    public struct Source: Codable, Sendable, Hashable {
        /// The kind of disk source.
        public enum SourceType: String, ProtoEnum {
            /// Not set.
            case unknown = "UNKNOWN"
            /// A directory on the agent's root filesystem.
            case path = "PATH"
            /// A dedicated mounted filesystem.
            case mount = "MOUNT"
            /// A raw block device.
            case block = "BLOCK"
            /// Raw storage not yet formatted.
            case raw = "RAW"
        }

        /// A root directory: `{"root": "/mnt/data"}` (`Source.Path` / `Source.Mount`).
        public struct Root: Codable, Sendable, Hashable {
            /// The directory, absolute or relative to the agent's work directory.
            public var root: String?

            /// Creates a root.
            public init(root: String? = nil) {
                self.root = root
            }

            private enum CodingKeys: String, CodingKey {
                case root
            }
        }

        /// The kind of disk source.
        public var type: SourceType
        /// The directory of a `PATH` source.
        public var path: Root?
        /// The mount point of a `MOUNT` source.
        public var mount: Root?
        /// The vendor of a CSI-provided source.
        public var vendor: String?
        /// The source's ID within its vendor.
        public var id: String?
        /// Vendor metadata.
        public var metadata: Labels?
        /// The storage profile of the source.
        public var profile: String?

        /// Creates a disk source.
        public init(
            type: SourceType,
            path: Root? = nil,
            mount: Root? = nil,
            vendor: String? = nil,
            id: String? = nil,
            metadata: Labels? = nil,
            profile: String? = nil
        ) {
            self.type = type
            self.path = path
            self.mount = mount
            self.vendor = vendor
            self.id = id
            self.metadata = metadata
            self.profile = profile
        }

        private enum CodingKeys: String, CodingKey {
            case type
            case path
            case mount
            case vendor
            case id
            case metadata
            case profile
        }
    }

    /// Set for a persistent volume.
    public var persistence: Persistence?
    /// Where a persistent volume is mounted in the container.
    public var volume: Volume?
    /// Where the disk space comes from; absent means the agent's root disk.
    public var source: Source?

    /// Creates disk info.
    public init(persistence: Persistence? = nil, volume: Volume? = nil, source: Source? = nil) {
        self.persistence = persistence
        self.volume = volume
        self.source = source
    }

    private enum CodingKeys: String, CodingKey {
        case persistence
        case volume
        case source
    }
}
