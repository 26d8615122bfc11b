import Foundation
import MesosOperatorCLI

/// `swift-mesos`: the operator CLI (see ``SwiftMesosCommand``). Exit codes: 0 ok, 1 error, 2 usage.
@main
enum SwiftMesosMain {
    static func main() async {
        exit(await SwiftMesosCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
    }
}
