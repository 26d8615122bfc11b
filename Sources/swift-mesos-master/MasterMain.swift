import MesosMaster

/// The `swift-mesos-master` executable: parses the flags and runs the master.
@main
enum MasterMain {
    static func main() async {
        await MasterCommand.main()
    }
}
