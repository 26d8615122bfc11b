import ArgumentParser

/// Mesos flag semantics for a command declared with swift-argument-parser.
///
/// Mesos daemons accept each flag in several ways, and so does a command parsed
/// through this type:
/// - both spellings, `--work_dir` and `--work-dir`;
/// - `--name=value` and `--name value`;
/// - booleans as `--flag`, `--no-flag`, `--flag=true` and `--flag=false`
///   (`1` and `0` too);
/// - every flag also from a `MESOS_<FLAG>` environment variable
///   (`MESOS_WORK_DIR`, `MESOS_PORT`, …); the command line wins, and variables
///   that name no flag are ignored, like Mesos does.
///
/// The flags are learned from the command's own declarations (no list to keep
/// in sync). Declare booleans as `@Flag(inversion: .prefixedNo)` when their
/// default is `true`; a plain `@Flag` accepts `--no-flag` and `--flag=false` as
/// "leave it off". Only the root command's flags are handled.
///
/// Parse errors name the flag; ``exitCode(for:)`` maps them to exit code 1
/// (Mesos's) instead of ArgumentParser's 64. Help and error text use the
/// Mesos spelling (`--work_dir`); both spellings are accepted.
public struct MesosCommandLine<Command: ParsableCommand>: Sendable {
    /// The flags the command declares.
    public let flags: [DeclaredFlag]
    /// Every accepted spelling's lookup key → the flag and whether it turns a boolean off.
    private let spellings: [String: Spelling]

    private struct Spelling: Sendable {
        var flagIndex: Int
        var negates: Bool
    }

    /// Learns `Command`'s flags from its ArgumentParser declarations.
    public init() {
        self.init(flags: DeclaredFlag.declared(by: Command.self))
    }

    /// Uses the given flag descriptions instead of learning them.
    public init(flags: [DeclaredFlag]) {
        self.flags = flags
        var spellings: [String: Spelling] = [:]
        for (index, flag) in flags.enumerated() {
            // Declared names first so they win over derived ones.
            for name in flag.declaredNames {
                spellings[DeclaredFlag.lookupKey(of: name)] = Spelling(flagIndex: index, negates: false)
            }
            if let negation = flag.negationName {
                spellings[DeclaredFlag.lookupKey(of: negation)] = Spelling(flagIndex: index, negates: true)
            }
        }
        for (index, flag) in flags.enumerated() {
            let key = DeclaredFlag.lookupKey(of: flag.name)
            if spellings[key] == nil {
                spellings[key] = Spelling(flagIndex: index, negates: false)
            }
            if !flag.takesValue, spellings["no-" + key] == nil {
                spellings["no-" + key] = Spelling(flagIndex: index, negates: true)
            }
        }
        self.spellings = spellings
    }

    // MARK: - Normalizing

    /// Rewrites Mesos-style arguments and `MESOS_*` variables into arguments
    /// ArgumentParser accepts for `Command`.
    ///
    /// Arguments that name no declared flag pass through unchanged, so
    /// ArgumentParser reports them (by name) as unknown. Everything after `--`
    /// passes through unchanged.
    ///
    /// - Throws: `MesosFlagError` for a boolean flag whose value (on the command
    ///   line or in the environment) is not a boolean.
    public func normalize(
        _ arguments: [String],
        environment: [String: String] = [:]
    ) throws(MesosFlagError) -> [String] {
        var rewritten: [String] = []
        var given: Swift.Set<Int> = []
        var booleans: [Int: Bool] = [:]  // last one wins, like a repeated flag
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                rewritten.append(contentsOf: arguments[(index - 1)...])
                break
            }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                rewritten.append(argument)
                continue
            }
            let body = argument.dropFirst(2)
            let name = body.prefix { $0 != "=" }
            let value: String? = name.endIndex < body.endIndex ? String(body[body.index(after: name.endIndex)...]) : nil
            guard let spelling = spellings[DeclaredFlag.lookupKey(of: name)] else {
                rewritten.append(argument)
                continue
            }
            let flag = flags[spelling.flagIndex]
            given.insert(spelling.flagIndex)
            if flag.takesValue {
                if let value {
                    rewritten.append("--\(flag.declaredName)=\(value)")
                } else {
                    rewritten.append("--\(flag.declaredName)")
                    // The next argument is the value, whatever it looks like.
                    if index < arguments.count {
                        rewritten.append(arguments[index])
                        index += 1
                    }
                }
            } else if spelling.negates {
                if value != nil {
                    throw .negationWithValue(flag: "--no-\(flag.name)", given: argument)
                }
                booleans[spelling.flagIndex] = false
            } else if let value {
                guard let enabled = Self.boolean(value) else {
                    throw .invalidBoolean(flag: "--\(flag.name)", value: value, source: "the command line")
                }
                booleans[spelling.flagIndex] = enabled
            } else {
                booleans[spelling.flagIndex] = true
            }
        }

        // Flags not on the command line may come from the environment.
        var fromEnvironment: [String] = []
        for (flagIndex, flag) in flags.enumerated() where !given.contains(flagIndex) {
            let upper = flag.environmentVariable
            let exact = "MESOS_" + flag.name
            guard let value = environment[upper] ?? environment[exact] else { continue }
            if flag.takesValue {
                fromEnvironment.append("--\(flag.declaredName)=\(value)")
            } else {
                guard let enabled = Self.boolean(value) else {
                    let variable = environment[upper] != nil ? upper : exact
                    throw .invalidBoolean(
                        flag: "--\(flag.name)", value: value, source: "environment variable \(variable)")
                }
                booleans[flagIndex] = enabled
            }
        }
        for (flagIndex, enabled) in booleans.sorted(by: { $0.key < $1.key }) {
            let flag = flags[flagIndex]
            if enabled {
                fromEnvironment.append("--\(flag.declaredName)")
            } else if let negation = flag.negationName {
                fromEnvironment.append("--\(negation)")
            }
            // A plain `@Flag` is off unless given: nothing to pass.
        }
        return fromEnvironment + rewritten
    }

    /// Mesos's boolean values: `true`/`1` and `false`/`0`.
    static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }

    // MARK: - Parsing

    /// Parses `Command` from Mesos-style arguments and environment.
    ///
    /// - Throws: `MesosFlagError`, or ArgumentParser's errors (including a help
    ///   request); pass any of them to ``message(for:)`` and ``exitCode(for:)``.
    public func parse(_ arguments: [String], environment: [String: String] = [:]) throws -> Command {
        try Command.parse(normalize(arguments, environment: environment))
    }

    /// Parses `Command` or one of its subcommands (or ArgumentParser's `help`
    /// command) from Mesos-style arguments and environment.
    public func parseAsRoot(_ arguments: [String], environment: [String: String] = [:]) throws
        -> any ParsableCommand
    {
        try Command.parseAsRoot(normalize(arguments, environment: environment))
    }

    // MARK: - Messages

    /// The help screen, listing every flag with its default, in Mesos spelling.
    public func helpMessage(columns: Int? = nil) -> String {
        mesosSpelling(Command.helpMessage(columns: columns))
    }

    /// The text to show for an error from ``parse(_:environment:)`` or from
    /// running the command: the help screen for a help request, otherwise the
    /// error naming the flag, with usage. Flags appear in Mesos spelling.
    public func message(for error: any Error, columns: Int? = nil) -> String {
        if let error = error as? MesosFlagError {
            return mesosSpelling(Command.fullMessage(for: ValidationError(error.message), columns: columns))
        }
        return mesosSpelling(Command.fullMessage(for: error, columns: columns))
    }

    /// The process exit code for an error: 0 for a help request or clean exit,
    /// 1 (Mesos's) for a bad or unknown flag, otherwise the code the error asks for.
    public func exitCode(for error: any Error) -> Int32 {
        if error is MesosFlagError { return 1 }
        let code = Command.exitCode(for: error)
        return code == .validationFailure ? 1 : code.rawValue
    }

    /// `text` with each declared long flag name in Mesos spelling
    /// (`--work-dir` → `--work_dir`); same length, so help columns stay aligned.
    public func mesosSpelling(_ text: String) -> String {
        var replacements: [(from: String, to: String)] = []
        // `--enable-x/--disable-x` pairs are not Mesos spellings; leave them as declared.
        for flag in flags where flag.negationName?.hasPrefix("disable-") != true {
            for name in flag.declaredNames where name.contains("-") {
                replacements.append(("--" + name, "--" + DeclaredFlag.mesosSpelling(of: name)))
            }
            if let negation = flag.negationName, negation.hasPrefix("no-"), negation.dropFirst(3).contains("-") {
                replacements.append(("--" + negation, "--no-" + DeclaredFlag.mesosSpelling(of: String(negation.dropFirst(3)))))
            }
        }
        guard !replacements.isEmpty else { return text }
        // Longest first, so `--work-dir-extra` is not rewritten as `--work_dir` + `-extra`.
        replacements.sort { $0.from.count > $1.from.count }
        return Self.replaceWholeWords(in: text, replacements)
    }

    /// Replaces whole flag names: the character after a match must not continue a name.
    private static func replaceWholeWords(in text: String, _ replacements: [(from: String, to: String)]) -> String {
        let characters = Array(text)
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var position = 0
        let continuesName: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        outer: while position < characters.count {
            if characters[position] == "-", position == 0 || !continuesName(characters[position - 1]) {
                for (from, to) in replacements {
                    let pattern = Array(from)
                    let end = position + pattern.count
                    guard end <= characters.count, Array(characters[position..<end]) == pattern else { continue }
                    if end < characters.count, continuesName(characters[end]) { continue }
                    result += to
                    position = end
                    continue outer
                }
            }
            result.append(characters[position])
            position += 1
        }
        return result
    }
}
