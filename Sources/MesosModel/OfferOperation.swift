extension Offer {
    /// Something to do with accepted offer resources (`Offer.Operation`).
    ///
    /// Wire form: `{"type": "LAUNCH", "launch": {"task_infos": [...]}}`.
    public struct Operation: Codable, Sendable, Hashable {
        /// The kind of operation.
        public enum OperationType: String, ProtoEnum {
            /// Not set.
            case unknown = "UNKNOWN"
            /// Launch tasks (`launch`).
            case launch = "LAUNCH"
            /// Launch a task group on one executor (`launch_group`).
            case launchGroup = "LAUNCH_GROUP"
            /// Dynamically reserve resources (`reserve`).
            case reserve = "RESERVE"
            /// Release dynamic reservations (`unreserve`).
            case unreserve = "UNRESERVE"
            /// Create persistent volumes (`create`).
            case create = "CREATE"
            /// Destroy persistent volumes (`destroy`).
            case destroy = "DESTROY"
            /// Grow a persistent volume (`grow_volume`).
            case growVolume = "GROW_VOLUME"
            /// Shrink a persistent volume (`shrink_volume`).
            case shrinkVolume = "SHRINK_VOLUME"
            /// Create a CSI disk (`create_disk`).
            case createDisk = "CREATE_DISK"
            /// Destroy a CSI disk (`destroy_disk`).
            case destroyDisk = "DESTROY_DISK"
        }

        /// `LAUNCH` body: `{"task_infos": [...]}`.
        public struct Launch: Codable, Sendable, Hashable {
            /// The tasks to launch.
            public var taskInfos: [TaskInfo]

            /// Creates a launch body.
            public init(taskInfos: [TaskInfo] = []) {
                self.taskInfos = taskInfos
            }

            private enum CodingKeys: String, CodingKey {
                case taskInfos = "task_infos"
            }
        }

        /// `LAUNCH_GROUP` body: `{"executor": {...}, "task_group": {...}}`.
        public struct LaunchGroup: Codable, Sendable, Hashable {
            /// The executor to run the group.
            public var executor: ExecutorInfo
            /// The tasks, delivered atomically.
            public var taskGroup: TaskGroupInfo

            /// Creates a launch group body.
            public init(executor: ExecutorInfo, taskGroup: TaskGroupInfo) {
                self.executor = executor
                self.taskGroup = taskGroup
            }

            private enum CodingKeys: String, CodingKey {
                case executor
                case taskGroup = "task_group"
            }
        }

        /// `RESERVE` body: `{"resources": [...]}` (with reservations set).
        public struct Reserve: Codable, Sendable, Hashable {
            /// The resources to re-reserve from, for reservation updates.
            public var source: [Resource]
            /// The resources with the wanted reservations.
            public var resources: [Resource]

            /// Creates a reserve body.
            public init(source: [Resource] = [], resources: [Resource] = []) {
                self.source = source
                self.resources = resources
            }

            private enum CodingKeys: String, CodingKey {
                case source
                case resources
            }
        }

        /// `UNRESERVE` body: `{"resources": [...]}`.
        public struct Unreserve: Codable, Sendable, Hashable {
            /// The reserved resources to release.
            public var resources: [Resource]

            /// Creates an unreserve body.
            public init(resources: [Resource] = []) {
                self.resources = resources
            }

            private enum CodingKeys: String, CodingKey {
                case resources
            }
        }

        /// `CREATE` / `DESTROY` body: `{"volumes": [...]}`.
        public struct Volumes: Codable, Sendable, Hashable {
            /// Disk resources with `disk.persistence` set.
            public var volumes: [Resource]

            /// Creates a volumes body.
            public init(volumes: [Resource] = []) {
                self.volumes = volumes
            }

            private enum CodingKeys: String, CodingKey {
                case volumes
            }
        }

        /// `GROW_VOLUME` body.
        public struct GrowVolume: Codable, Sendable, Hashable {
            /// The persistent volume.
            public var volume: Resource
            /// The disk to add to it.
            public var addition: Resource

            /// Creates a grow body.
            public init(volume: Resource, addition: Resource) {
                self.volume = volume
                self.addition = addition
            }

            private enum CodingKeys: String, CodingKey {
                case volume
                case addition
            }
        }

        /// `SHRINK_VOLUME` body.
        public struct ShrinkVolume: Codable, Sendable, Hashable {
            /// The persistent volume.
            public var volume: Resource
            /// How much to remove.
            public var subtract: Value.Scalar

            /// Creates a shrink body.
            public init(volume: Resource, subtract: Value.Scalar) {
                self.volume = volume
                self.subtract = subtract
            }

            private enum CodingKeys: String, CodingKey {
                case volume
                case subtract
            }
        }

        /// `CREATE_DISK` body.
        public struct CreateDisk: Codable, Sendable, Hashable {
            /// The `RAW` disk to convert.
            public var source: Resource
            /// `MOUNT` or `BLOCK`.
            public var targetType: DiskInfo.Source.SourceType
            /// The profile to apply.
            public var targetProfile: String?

            /// Creates a create-disk body.
            public init(source: Resource, targetType: DiskInfo.Source.SourceType, targetProfile: String? = nil) {
                self.source = source
                self.targetType = targetType
                self.targetProfile = targetProfile
            }

            private enum CodingKeys: String, CodingKey {
                case source
                case targetType = "target_type"
                case targetProfile = "target_profile"
            }
        }

        /// `DESTROY_DISK` body.
        public struct DestroyDisk: Codable, Sendable, Hashable {
            /// The disk to destroy.
            public var source: Resource

            /// Creates a destroy-disk body.
            public init(source: Resource) {
                self.source = source
            }

            private enum CodingKeys: String, CodingKey {
                case source
            }
        }

        /// The kind of operation; `nil` when absent or a name this build does not know.
        public var type: OperationType?
        /// An ID requesting operation status feedback.
        public var id: OperationID?
        /// Body for `LAUNCH`.
        public var launch: Launch?
        /// Body for `LAUNCH_GROUP`.
        public var launchGroup: LaunchGroup?
        /// Body for `RESERVE`.
        public var reserve: Reserve?
        /// Body for `UNRESERVE`.
        public var unreserve: Unreserve?
        /// Body for `CREATE`.
        public var create: Volumes?
        /// Body for `DESTROY`.
        public var destroy: Volumes?
        /// Body for `GROW_VOLUME`.
        public var growVolume: GrowVolume?
        /// Body for `SHRINK_VOLUME`.
        public var shrinkVolume: ShrinkVolume?
        /// Body for `CREATE_DISK`.
        public var createDisk: CreateDisk?
        /// Body for `DESTROY_DISK`.
        public var destroyDisk: DestroyDisk?

        /// Creates an operation.
        public init(
            type: OperationType?,
            id: OperationID? = nil,
            launch: Launch? = nil,
            launchGroup: LaunchGroup? = nil,
            reserve: Reserve? = nil,
            unreserve: Unreserve? = nil,
            create: Volumes? = nil,
            destroy: Volumes? = nil,
            growVolume: GrowVolume? = nil,
            shrinkVolume: ShrinkVolume? = nil,
            createDisk: CreateDisk? = nil,
            destroyDisk: DestroyDisk? = nil
        ) {
            self.type = type
            self.id = id
            self.launch = launch
            self.launchGroup = launchGroup
            self.reserve = reserve
            self.unreserve = unreserve
            self.create = create
            self.destroy = destroy
            self.growVolume = growVolume
            self.shrinkVolume = shrinkVolume
            self.createDisk = createDisk
            self.destroyDisk = destroyDisk
        }

        /// A `LAUNCH` of `tasks`.
        public static func launch(_ tasks: [TaskInfo]) -> Operation {
            Operation(type: .launch, launch: Launch(taskInfos: tasks))
        }

        /// A `LAUNCH_GROUP` of `taskGroup` on `executor`.
        public static func launchGroup(executor: ExecutorInfo, taskGroup: TaskGroupInfo) -> Operation {
            Operation(type: .launchGroup, launchGroup: LaunchGroup(executor: executor, taskGroup: taskGroup))
        }

        /// A `RESERVE` of `resources`.
        public static func reserve(_ resources: [Resource]) -> Operation {
            Operation(type: .reserve, reserve: Reserve(resources: resources))
        }

        /// An `UNRESERVE` of `resources`.
        public static func unreserve(_ resources: [Resource]) -> Operation {
            Operation(type: .unreserve, unreserve: Unreserve(resources: resources))
        }

        /// A `CREATE` of persistent `volumes`.
        public static func create(_ volumes: [Resource]) -> Operation {
            Operation(type: .create, create: Volumes(volumes: volumes))
        }

        /// A `DESTROY` of persistent `volumes`.
        public static func destroy(_ volumes: [Resource]) -> Operation {
            Operation(type: .destroy, destroy: Volumes(volumes: volumes))
        }

        private enum CodingKeys: String, CodingKey {
            case type
            case id
            case launch
            case launchGroup = "launch_group"
            case reserve
            case unreserve
            case create
            case destroy
            case growVolume = "grow_volume"
            case shrinkVolume = "shrink_volume"
            case createDisk = "create_disk"
            case destroyDisk = "destroy_disk"
        }
    }
}
