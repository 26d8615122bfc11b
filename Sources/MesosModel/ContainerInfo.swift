/// How to containerize a task or executor (`ContainerInfo`).
///
/// A docker task: `{"type": "DOCKER", "docker": {"image": "busybox", "network": "BRIDGE"}}`.
public struct ContainerInfo: Codable, Sendable, Hashable {
    /// The containerizer to use.
    public enum ContainerType: String, ProtoEnum {
        /// The Docker containerizer.
        case docker = "DOCKER"
        /// The Mesos containerizer.
        case mesos = "MESOS"
    }

    /// Docker settings (`ContainerInfo.DockerInfo`).
    public struct DockerInfo: Codable, Sendable, Hashable {
        /// The docker network mode.
        public enum Network: String, ProtoEnum {
            /// `--net=host` (proto default).
            case host = "HOST"
            /// `--net=bridge`.
            case bridge = "BRIDGE"
            /// `--net=none`.
            case none = "NONE"
            /// A user-defined network named in `ContainerInfo.networkInfos`.
            case user = "USER"
        }

        /// A host-to-container port mapping (`-p host:container/protocol`).
        public struct PortMapping: Codable, Sendable, Hashable {
            /// The host port (normally one of the task's `ports` resources).
            public var hostPort: UInt32
            /// The container port.
            public var containerPort: UInt32
            /// `tcp` or `udp`.
            public var `protocol`: String?

            /// Creates a port mapping.
            public init(hostPort: UInt32, containerPort: UInt32, protocol: String? = nil) {
                self.hostPort = hostPort
                self.containerPort = containerPort
                self.protocol = `protocol`
            }

            private enum CodingKeys: String, CodingKey {
                case hostPort = "host_port"
                case containerPort = "container_port"
                case `protocol`
            }
        }

        /// The image to run.
        public var image: String
        /// The network mode; absent means `HOST`.
        public var network: Network?
        /// Port mappings (for `BRIDGE` and `USER` networks).
        public var portMappings: [PortMapping]
        /// Whether to run privileged.
        public var privileged: Bool?
        /// Extra `docker run` options: `{"key": "label", "value": "a=b"}` is `--label=a=b`.
        public var parameters: [Parameter]
        /// Whether to pull the image even when it is present.
        public var forcePullImage: Bool?
        /// Deprecated volume driver name.
        public var volumeDriver: String?

        /// Creates docker settings.
        public init(
            image: String,
            network: Network? = nil,
            portMappings: [PortMapping] = [],
            privileged: Bool? = nil,
            parameters: [Parameter] = [],
            forcePullImage: Bool? = nil,
            volumeDriver: String? = nil
        ) {
            self.image = image
            self.network = network
            self.portMappings = portMappings
            self.privileged = privileged
            self.parameters = parameters
            self.forcePullImage = forcePullImage
            self.volumeDriver = volumeDriver
        }

        private enum CodingKeys: String, CodingKey {
            case image
            case network
            case portMappings = "port_mappings"
            case privileged
            case parameters
            case forcePullImage = "force_pull_image"
            case volumeDriver = "volume_driver"
        }
    }

    /// Mesos containerizer settings (`ContainerInfo.MesosInfo`).
    public struct MesosInfo: Codable, Sendable, Hashable {
        /// The root filesystem image, if any.
        public var image: Image?

        /// Creates Mesos containerizer settings.
        public init(image: Image? = nil) {
            self.image = image
        }

        private enum CodingKeys: String, CodingKey {
            case image
        }
    }

    /// The containerizer to use.
    public var type: ContainerType
    /// Volumes to mount.
    public var volumes: [Volume]
    /// The container's hostname.
    public var hostname: String?
    /// Docker settings, for `DOCKER`.
    public var docker: DockerInfo?
    /// Mesos containerizer settings, for `MESOS`.
    public var mesos: MesosInfo?
    /// Networks to join.
    public var networkInfos: [NetworkInfo]
    /// Linux-specific settings.
    public var linuxInfo: LinuxInfo?
    /// POSIX resource limits.
    public var rlimitInfo: RLimitInfo?
    /// A TTY for the entrypoint.
    public var ttyInfo: TTYInfo?

    /// Creates container settings.
    public init(
        type: ContainerType,
        volumes: [Volume] = [],
        hostname: String? = nil,
        docker: DockerInfo? = nil,
        mesos: MesosInfo? = nil,
        networkInfos: [NetworkInfo] = [],
        linuxInfo: LinuxInfo? = nil,
        rlimitInfo: RLimitInfo? = nil,
        ttyInfo: TTYInfo? = nil
    ) {
        self.type = type
        self.volumes = volumes
        self.hostname = hostname
        self.docker = docker
        self.mesos = mesos
        self.networkInfos = networkInfos
        self.linuxInfo = linuxInfo
        self.rlimitInfo = rlimitInfo
        self.ttyInfo = ttyInfo
    }

    /// A Docker container running `image`.
    public static func docker(
        _ image: String,
        network: DockerInfo.Network? = nil,
        portMappings: [DockerInfo.PortMapping] = [],
        volumes: [Volume] = []
    ) -> ContainerInfo {
        ContainerInfo(
            type: .docker,
            volumes: volumes,
            docker: DockerInfo(image: image, network: network, portMappings: portMappings)
        )
    }

    private enum CodingKeys: String, CodingKey {
        case type
        case volumes
        case hostname
        case docker
        case mesos
        case networkInfos = "network_infos"
        case linuxInfo = "linux_info"
        case rlimitInfo = "rlimit_info"
        case ttyInfo = "tty_info"
    }
}
