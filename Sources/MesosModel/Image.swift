/// A container image for the Mesos containerizer (`Image`).
public struct Image: Codable, Sendable, Hashable {
    /// The image format.
    public enum ImageType: String, ProtoEnum {
        /// An App Container image.
        case appc = "APPC"
        /// A Docker image.
        case docker = "DOCKER"
    }

    /// An App Container image: `{"name": .., "id": .., "labels": ..}`.
    public struct Appc: Codable, Sendable, Hashable {
        /// The image name.
        public var name: String
        /// The image ID (`sha512-<hex>`).
        public var id: String?
        /// Labels such as `version`, `os`, `arch`.
        public var labels: Labels?

        /// Creates an Appc image reference.
        public init(name: String, id: String? = nil, labels: Labels? = nil) {
            self.name = name
            self.id = id
            self.labels = labels
        }

        private enum CodingKeys: String, CodingKey {
            case name
            case id
            case labels
        }
    }

    /// A Docker image: `{"name": "library/busybox:latest"}`.
    public struct Docker: Codable, Sendable, Hashable {
        /// `[REGISTRY_HOST[:PORT]/]REPOSITORY[:TAG|@DIGEST]`.
        public var name: String
        /// A docker config file (JSON) with registry credentials.
        public var config: Secret?

        /// Creates a Docker image reference.
        public init(name: String, config: Secret? = nil) {
            self.name = name
            self.config = config
        }

        private enum CodingKeys: String, CodingKey {
            case name
            case config
        }
    }

    /// The image format.
    public var type: ImageType
    /// The image, for `APPC`.
    public var appc: Appc?
    /// The image, for `DOCKER`.
    public var docker: Docker?
    /// Whether a cached copy may be used (proto default true).
    public var cached: Bool?

    /// Creates an image.
    public init(type: ImageType, appc: Appc? = nil, docker: Docker? = nil, cached: Bool? = nil) {
        self.type = type
        self.appc = appc
        self.docker = docker
        self.cached = cached
    }

    /// A Docker image by name.
    public static func docker(_ name: String) -> Image {
        Image(type: .docker, docker: Docker(name: name))
    }

    private enum CodingKeys: String, CodingKey {
        case type
        case appc
        case docker
        case cached
    }
}
