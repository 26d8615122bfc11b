/// A volume mounted into a container (`Volume` in mesos.proto).
///
/// Wire form: `{"container_path": "/data", "host_path": "/srv/data", "mode": "RW"}`.
/// CSI volume sources (`source.csi_volume`) are not modelled and are dropped.
public struct Volume: Codable, Sendable, Hashable {
    /// Whether the volume is writable.
    public enum Mode: String, ProtoEnum {
        /// Read-write.
        case rw = "RW"
        /// Read-only.
        case ro = "RO"
    }

    /// Where the volume comes from (`Volume.Source`).
    public struct Source: Codable, Sendable, Hashable {
        /// The kind of source.
        public enum SourceType: String, ProtoEnum {
            /// Not set.
            case unknown = "UNKNOWN"
            /// A docker volume driver volume.
            case dockerVolume = "DOCKER_VOLUME"
            /// A path on the host.
            case hostPath = "HOST_PATH"
            /// A path in this or the parent container's sandbox.
            case sandboxPath = "SANDBOX_PATH"
            /// A secret written to a file.
            case secret = "SECRET"
            /// A CSI volume (not modelled further).
            case csiVolume = "CSI_VOLUME"
        }

        /// A volume created by a docker volume driver.
        public struct DockerVolume: Codable, Sendable, Hashable {
            /// The volume driver.
            public var driver: String?
            /// The volume name.
            public var name: String
            /// Driver-specific options.
            public var driverOptions: Parameters?

            /// Creates a docker volume source.
            public init(driver: String? = nil, name: String, driverOptions: Parameters? = nil) {
                self.driver = driver
                self.name = name
                self.driverOptions = driverOptions
            }

            private enum CodingKeys: String, CodingKey {
                case driver
                case name
                case driverOptions = "driver_options"
            }
        }

        /// An absolute path on the host.
        public struct HostPath: Codable, Sendable, Hashable {
            /// How mounts propagate (`MountPropagation`).
            public struct MountPropagation: Codable, Sendable, Hashable {
                /// The propagation mode.
                public enum Mode: String, ProtoEnum {
                    /// Not set.
                    case unknown = "UNKNOWN"
                    /// Host mounts propagate into the container only.
                    case hostToContainer = "HOST_TO_CONTAINER"
                    /// Mounts propagate both ways.
                    case bidirectional = "BIDIRECTIONAL"
                }

                /// The propagation mode.
                public var mode: Mode?

                /// Creates a mount propagation.
                public init(mode: Mode? = nil) {
                    self.mode = mode
                }

                private enum CodingKeys: String, CodingKey {
                    case mode
                }
            }

            /// The host path.
            public var path: String
            /// How mounts propagate.
            public var mountPropagation: MountPropagation?

            /// Creates a host path source.
            public init(path: String, mountPropagation: MountPropagation? = nil) {
                self.path = path
                self.mountPropagation = mountPropagation
            }

            private enum CodingKeys: String, CodingKey {
                case path
                case mountPropagation = "mount_propagation"
            }
        }

        /// A path in a container sandbox.
        public struct SandboxPath: Codable, Sendable, Hashable {
            /// Whose sandbox.
            public enum SandboxType: String, ProtoEnum {
                /// Not set.
                case unknown = "UNKNOWN"
                /// This container's sandbox.
                case `self` = "SELF"
                /// The parent container's sandbox.
                case parent = "PARENT"
            }

            /// Whose sandbox.
            public var type: SandboxType?
            /// The path relative to the sandbox.
            public var path: String

            /// Creates a sandbox path source.
            public init(type: SandboxType? = nil, path: String) {
                self.type = type
                self.path = path
            }

            private enum CodingKeys: String, CodingKey {
                case type
                case path
            }
        }

        /// The kind of source.
        public var type: SourceType?
        /// The source, for `DOCKER_VOLUME`.
        public var dockerVolume: DockerVolume?
        /// The source, for `HOST_PATH`.
        public var hostPath: HostPath?
        /// The source, for `SANDBOX_PATH`.
        public var sandboxPath: SandboxPath?
        /// The source, for `SECRET`.
        public var secret: Secret?

        /// Creates a volume source.
        public init(
            type: SourceType? = nil,
            dockerVolume: DockerVolume? = nil,
            hostPath: HostPath? = nil,
            sandboxPath: SandboxPath? = nil,
            secret: Secret? = nil
        ) {
            self.type = type
            self.dockerVolume = dockerVolume
            self.hostPath = hostPath
            self.sandboxPath = sandboxPath
            self.secret = secret
        }

        private enum CodingKeys: String, CodingKey {
            case type
            case dockerVolume = "docker_volume"
            case hostPath = "host_path"
            case sandboxPath = "sandbox_path"
            case secret
        }
    }

    /// Whether the volume is writable (required by the proto).
    public var mode: Mode
    /// The path inside the container; absolute, or relative to the sandbox.
    public var containerPath: String
    /// The path on the host (absolute), or in the sandbox (relative).
    public var hostPath: String?
    /// An image providing the volume's contents.
    public var image: Image?
    /// Where the volume comes from.
    public var source: Source?

    /// Creates a volume.
    public init(
        mode: Mode = .rw,
        containerPath: String,
        hostPath: String? = nil,
        image: Image? = nil,
        source: Source? = nil
    ) {
        self.mode = mode
        self.containerPath = containerPath
        self.hostPath = hostPath
        self.image = image
        self.source = source
    }

    private enum CodingKeys: String, CodingKey {
        case mode
        case containerPath = "container_path"
        case hostPath = "host_path"
        case image
        case source
    }
}
