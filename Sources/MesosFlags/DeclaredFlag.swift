/// One flag a command declares, as Mesos sees it: `--work_dir`, `--port`, `--[no-]authenticate`.
///
/// ``MesosCommandLine`` learns these from the command's ArgumentParser
/// declarations, so nothing is listed twice.
public struct DeclaredFlag: Sendable, Hashable {
    /// The Mesos spelling, with underscores: `work_dir`.
    public var name: String
    /// The long names declared with ArgumentParser (usually one): `["work-dir"]`.
    public var declaredNames: [String]
    /// `true` for an `@Option` (takes a value), `false` for a boolean `@Flag`.
    public var takesValue: Bool
    /// The declared name that turns a boolean flag off, e.g. `no-authenticate`
    /// (from `@Flag(inversion: .prefixedNo)`); `nil` for a plain `@Flag`, whose
    /// off state is its default.
    public var negationName: String?
    /// The default value as help shows it, if any.
    public var defaultValue: String?

    /// Creates a declared flag.
    public init(
        name: String,
        declaredNames: [String],
        takesValue: Bool,
        negationName: String? = nil,
        defaultValue: String? = nil
    ) {
        self.name = name
        self.declaredNames = declaredNames
        self.takesValue = takesValue
        self.negationName = negationName
        self.defaultValue = defaultValue
    }

    /// The environment variable that sets the flag: `MESOS_WORK_DIR`.
    public var environmentVariable: String { "MESOS_" + name.uppercased() }

    /// The spelling ArgumentParser parses: the first declared long name.
    var declaredName: String { declaredNames.first ?? name }

    /// The Mesos spelling of a long name: dashes become underscores (`work-dir` → `work_dir`).
    static func mesosSpelling(of name: String) -> String {
        String(name.map { $0 == "-" ? "_" : $0 })
    }

    /// The key both spellings share: underscores become dashes (`work_dir` → `work-dir`).
    static func lookupKey(of name: some StringProtocol) -> String {
        String(name.map { $0 == "_" ? "-" : $0 })
    }
}
