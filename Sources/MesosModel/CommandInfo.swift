/// A command to run, with files to fetch first (`CommandInfo`).
///
/// With `shell` true (the default when absent) `value` runs via `/bin/sh -c`;
/// with `shell` false `value` is the executable and `arguments` the full argv.
public struct CommandInfo: Codable, Sendable, Hashable {
    /// A file the fetcher downloads into the sandbox before the command runs.
    public struct URI: Codable, Sendable, Hashable {
        /// The URI to fetch.
        public var value: String
        /// Whether to mark the fetched file executable.
        public var executable: Bool?
        /// Whether to extract recognised archives (proto default true).
        public var extract: Bool?
        /// Whether to use the fetcher cache.
        public var cache: Bool?
        /// The file name (relative to the sandbox) to save the download as.
        public var outputFile: String?

        /// Creates a URI.
        public init(
            value: String,
            executable: Bool? = nil,
            extract: Bool? = nil,
            cache: Bool? = nil,
            outputFile: String? = nil
        ) {
            self.value = value
            self.executable = executable
            self.extract = extract
            self.cache = cache
            self.outputFile = outputFile
        }

        private enum CodingKeys: String, CodingKey {
            case value
            case executable
            case extract
            case cache
            case outputFile = "output_file"
        }
    }

    /// Files to fetch into the sandbox.
    public var uris: [URI]
    /// Environment variables to set.
    public var environment: Environment?
    /// Whether to run `value` through the shell; absent means true. See ``isShell``.
    public var shell: Bool?
    /// The shell command, or the executable when not using the shell.
    public var value: String?
    /// The full argv (including argv[0]) when not using the shell.
    public var arguments: [String]
    /// The user to run as, overriding `FrameworkInfo.user`.
    public var user: String?

    /// Creates a command.
    public init(
        uris: [URI] = [],
        environment: Environment? = nil,
        shell: Bool? = nil,
        value: String? = nil,
        arguments: [String] = [],
        user: String? = nil
    ) {
        self.uris = uris
        self.environment = environment
        self.shell = shell
        self.value = value
        self.arguments = arguments
        self.user = user
    }

    /// Whether the command runs via `/bin/sh -c` (proto default: true).
    public var isShell: Bool { shell ?? true }

    /// A shell command: `/bin/sh -c <command>`.
    public static func shell(_ command: String, environment: Environment? = nil) -> CommandInfo {
        CommandInfo(environment: environment, shell: true, value: command)
    }

    /// An executable run directly with `arguments` as its full argv.
    public static func executable(_ path: String, arguments: [String], environment: Environment? = nil) -> CommandInfo {
        CommandInfo(environment: environment, shell: false, value: path, arguments: arguments)
    }

    private enum CodingKeys: String, CodingKey {
        case uris
        case environment
        case shell
        case value
        case arguments
        case user
    }
}
