import ArgumentParser

/// `AGENTSxFRAMEWORKS`, e.g. `10000x1000`.
struct ClusterSize: ExpressibleByArgument, Codable, Sendable, Hashable, CustomStringConvertible {
    var agents: Int
    var frameworks: Int

    init(agents: Int, frameworks: Int) {
        self.agents = agents
        self.frameworks = frameworks
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x")
        guard parts.count == 2, let agents = Int(parts[0]), let frameworks = Int(parts[1]),
            (1...1_000_000).contains(agents), (1...100_000).contains(frameworks)
        else { return nil }
        self.init(agents: agents, frameworks: frameworks)
    }

    var description: String { "\(agents)x\(frameworks)" }

    /// The sizes of issue 3: 1k/100, 5k/500, 10k/1k, 20k/2k, 50k/1k.
    static let standard = [
        ClusterSize(agents: 1_000, frameworks: 100),
        ClusterSize(agents: 5_000, frameworks: 500),
        ClusterSize(agents: 10_000, frameworks: 1_000),
        ClusterSize(agents: 20_000, frameworks: 2_000),
        ClusterSize(agents: 50_000, frameworks: 1_000),
    ]
}
