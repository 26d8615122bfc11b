/// Linux-specific container settings (`LinuxInfo`).
public struct LinuxInfo: Codable, Sendable, Hashable {
    /// How the container's IPC namespace and `/dev/shm` are set up.
    public enum IPCMode: String, ProtoEnum {
        /// Not set.
        case unknown = "UNKNOWN"
        /// Its own IPC namespace and `/dev/shm`.
        case `private` = "PRIVATE"
        /// Share the parent's (or the agent host's).
        case shareParent = "SHARE_PARENT"
    }

    /// Deprecated since Mesos 1.4 in favour of `effectiveCapabilities`.
    public var capabilityInfo: CapabilityInfo?
    /// Capabilities allowed but not initially granted.
    public var boundingCapabilities: CapabilityInfo?
    /// Capabilities the task runs with.
    public var effectiveCapabilities: CapabilityInfo?
    /// Whether to share the parent's PID namespace.
    public var sharePIDNamespace: Bool?
    /// Seccomp settings overriding the agent's default.
    public var seccomp: SeccompInfo?
    /// IPC namespace mode.
    public var ipcMode: IPCMode?
    /// Size of `/dev/shm` in MB.
    public var shmSize: UInt32?
    /// Whether to share the parent's cgroups (proto default true).
    public var shareCgroups: Bool?

    /// Creates Linux settings.
    public init(
        capabilityInfo: CapabilityInfo? = nil,
        boundingCapabilities: CapabilityInfo? = nil,
        effectiveCapabilities: CapabilityInfo? = nil,
        sharePIDNamespace: Bool? = nil,
        seccomp: SeccompInfo? = nil,
        ipcMode: IPCMode? = nil,
        shmSize: UInt32? = nil,
        shareCgroups: Bool? = nil
    ) {
        self.capabilityInfo = capabilityInfo
        self.boundingCapabilities = boundingCapabilities
        self.effectiveCapabilities = effectiveCapabilities
        self.sharePIDNamespace = sharePIDNamespace
        self.seccomp = seccomp
        self.ipcMode = ipcMode
        self.shmSize = shmSize
        self.shareCgroups = shareCgroups
    }

    private enum CodingKeys: String, CodingKey {
        case capabilityInfo = "capability_info"
        case boundingCapabilities = "bounding_capabilities"
        case effectiveCapabilities = "effective_capabilities"
        case sharePIDNamespace = "share_pid_namespace"
        case seccomp
        case ipcMode = "ipc_mode"
        case shmSize = "shm_size"
        case shareCgroups = "share_cgroups"
    }
}

/// A set of Linux capabilities (`CapabilityInfo`): `{"capabilities": ["NET_ADMIN"]}`.
public struct CapabilityInfo: Codable, Sendable, Hashable {
    /// A Linux capability (see capabilities(7)).
    public enum Capability: String, ProtoEnum {
        /// Not set.
        case unknown = "UNKNOWN"
        /// `CAP_CHOWN`.
        case chown = "CHOWN"
        /// `CAP_DAC_OVERRIDE`.
        case dacOverride = "DAC_OVERRIDE"
        /// `CAP_DAC_READ_SEARCH`.
        case dacReadSearch = "DAC_READ_SEARCH"
        /// `CAP_FOWNER`.
        case fowner = "FOWNER"
        /// `CAP_FSETID`.
        case fsetid = "FSETID"
        /// `CAP_KILL`.
        case kill = "KILL"
        /// `CAP_SETGID`.
        case setgid = "SETGID"
        /// `CAP_SETUID`.
        case setuid = "SETUID"
        /// `CAP_SETPCAP`.
        case setpcap = "SETPCAP"
        /// `CAP_LINUX_IMMUTABLE`.
        case linuxImmutable = "LINUX_IMMUTABLE"
        /// `CAP_NET_BIND_SERVICE`.
        case netBindService = "NET_BIND_SERVICE"
        /// `CAP_NET_BROADCAST`.
        case netBroadcast = "NET_BROADCAST"
        /// `CAP_NET_ADMIN`.
        case netAdmin = "NET_ADMIN"
        /// `CAP_NET_RAW`.
        case netRaw = "NET_RAW"
        /// `CAP_IPC_LOCK`.
        case ipcLock = "IPC_LOCK"
        /// `CAP_IPC_OWNER`.
        case ipcOwner = "IPC_OWNER"
        /// `CAP_SYS_MODULE`.
        case sysModule = "SYS_MODULE"
        /// `CAP_SYS_RAWIO`.
        case sysRawio = "SYS_RAWIO"
        /// `CAP_SYS_CHROOT`.
        case sysChroot = "SYS_CHROOT"
        /// `CAP_SYS_PTRACE`.
        case sysPtrace = "SYS_PTRACE"
        /// `CAP_SYS_PACCT`.
        case sysPacct = "SYS_PACCT"
        /// `CAP_SYS_ADMIN`.
        case sysAdmin = "SYS_ADMIN"
        /// `CAP_SYS_BOOT`.
        case sysBoot = "SYS_BOOT"
        /// `CAP_SYS_NICE`.
        case sysNice = "SYS_NICE"
        /// `CAP_SYS_RESOURCE`.
        case sysResource = "SYS_RESOURCE"
        /// `CAP_SYS_TIME`.
        case sysTime = "SYS_TIME"
        /// `CAP_SYS_TTY_CONFIG`.
        case sysTtyConfig = "SYS_TTY_CONFIG"
        /// `CAP_MKNOD`.
        case mknod = "MKNOD"
        /// `CAP_LEASE`.
        case lease = "LEASE"
        /// `CAP_AUDIT_WRITE`.
        case auditWrite = "AUDIT_WRITE"
        /// `CAP_AUDIT_CONTROL`.
        case auditControl = "AUDIT_CONTROL"
        /// `CAP_SETFCAP`.
        case setfcap = "SETFCAP"
        /// `CAP_MAC_OVERRIDE`.
        case macOverride = "MAC_OVERRIDE"
        /// `CAP_MAC_ADMIN`.
        case macAdmin = "MAC_ADMIN"
        /// `CAP_SYSLOG`.
        case syslog = "SYSLOG"
        /// `CAP_WAKE_ALARM`.
        case wakeAlarm = "WAKE_ALARM"
        /// `CAP_BLOCK_SUSPEND`.
        case blockSuspend = "BLOCK_SUSPEND"
        /// `CAP_AUDIT_READ`.
        case auditRead = "AUDIT_READ"
        /// `CAP_PERFMON`.
        case perfmon = "PERFMON"
        /// `CAP_BPF`.
        case bpf = "BPF"
        /// `CAP_CHECKPOINT_RESTORE`.
        case checkpointRestore = "CHECKPOINT_RESTORE"
    }

    /// The capabilities; names this build does not know are dropped.
    public var capabilities: [Capability]

    /// Creates a capability set.
    public init(capabilities: [Capability] = []) {
        self.capabilities = capabilities
    }

    private enum CodingKeys: String, CodingKey {
        case capabilities
    }
}

/// Seccomp settings (`SeccompInfo`).
public struct SeccompInfo: Codable, Sendable, Hashable {
    /// The profile file, relative to the agent's `--seccomp_config_dir`.
    public var profileName: String?
    /// Whether to run without seccomp filtering.
    public var unconfined: Bool?

    /// Creates seccomp settings.
    public init(profileName: String? = nil, unconfined: Bool? = nil) {
        self.profileName = profileName
        self.unconfined = unconfined
    }

    private enum CodingKeys: String, CodingKey {
        case profileName = "profile_name"
        case unconfined
    }
}
