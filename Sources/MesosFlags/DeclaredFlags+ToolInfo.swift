import ArgumentParser
import Foundation

extension DeclaredFlag {
    /// Long names ArgumentParser adds to every command; they never come from the environment.
    static let builtInNames: Swift.Set<String> = [
        "help", "version", "generate-completion-script", "experimental-dump-help",
    ]

    /// The flags `command` declares, learned from ArgumentParser's own description
    /// of the command (`_dumpHelp()`, the ToolInfoV0 JSON), so nothing is listed twice.
    ///
    /// Only the root command's options and flags are learned; positional
    /// arguments and ArgumentParser's built-in flags are skipped. Returns `[]`
    /// if the description cannot be read (then arguments pass through unchanged).
    static func declared(by command: any ParsableCommand.Type) -> [DeclaredFlag] {
        guard let info = try? JSONDecoder().decode(ToolInfo.self, from: Data(command._dumpHelp().utf8))
        else { return [] }
        let arguments = (info.command.arguments ?? []).filter { $0.kind != "positional" }
        let named: [(argument: ToolInfo.Argument, longNames: [String])] = arguments.compactMap { argument in
            let longNames = (argument.names ?? []).filter { $0.kind == "long" }.map(\.name)
            guard !longNames.isEmpty, !longNames.contains(where: builtInNames.contains) else { return nil }
            return (argument, longNames)
        }
        let flagNames = Swift.Set(named.filter { $0.argument.kind == "flag" }.flatMap(\.longNames))

        var result: [DeclaredFlag] = []
        var negations: [String: String] = [:]  // positive declared name → negative declared name
        var negative: Swift.Set<String> = []
        for (argument, longNames) in named where argument.kind == "flag" {
            for name in longNames {
                if name.hasPrefix("no-"), flagNames.contains(String(name.dropFirst(3))) {
                    negations[String(name.dropFirst(3))] = name
                    negative.insert(name)
                } else if name.hasPrefix("disable-"), flagNames.contains("enable-" + name.dropFirst(8)) {
                    negations["enable-" + name.dropFirst(8)] = name
                    negative.insert(name)
                }
            }
        }
        for (argument, longNames) in named {
            let positiveNames = longNames.filter { !negative.contains($0) }
            guard let first = positiveNames.first else { continue }
            let isFlag = argument.kind == "flag"
            // `--enable-x/--disable-x` pairs are the Mesos flag `x`.
            let mesosBase = isFlag && negations[first]?.hasPrefix("disable-") == true ? String(first.dropFirst(7)) : first
            result.append(
                DeclaredFlag(
                    name: DeclaredFlag.mesosSpelling(of: mesosBase),
                    declaredNames: positiveNames,
                    takesValue: !isFlag,
                    negationName: isFlag ? negations[first] : nil,
                    defaultValue: argument.defaultValue))
        }
        return result
    }
}

/// The part of ArgumentParser's ToolInfoV0 JSON (`_dumpHelp()`) that flag learning needs.
struct ToolInfo: Decodable {
    struct Name: Decodable {
        var kind: String
        var name: String
    }

    struct Argument: Decodable {
        var kind: String
        var names: [Name]?
        var defaultValue: String?
    }

    struct Command: Decodable {
        var arguments: [Argument]?
    }

    var command: Command
}
