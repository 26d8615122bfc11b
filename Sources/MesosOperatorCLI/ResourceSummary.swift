/// The scalar resources of a `/master/state` resources map (`{"cpus": 1, "mem": 128, "ports": "[...]"}`).
public struct ResourceSummary: Sendable, Equatable, Decodable {
    /// CPUs.
    public var cpus: Double
    /// Memory in MB.
    public var mem: Double
    /// Disk in MB.
    public var disk: Double
    /// GPUs.
    public var gpus: Double

    /// A summary with these values.
    public init(cpus: Double = 0, mem: Double = 0, disk: Double = 0, gpus: Double = 0) {
        self.cpus = cpus
        self.mem = mem
        self.disk = disk
        self.gpus = gpus
    }

    private enum CodingKeys: String, CodingKey { case cpus, mem, disk, gpus }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func scalar(_ key: CodingKeys) -> Double { (try? container.decodeIfPresent(Double.self, forKey: key)) ?? 0 }
        self.init(cpus: scalar(.cpus), mem: scalar(.mem), disk: scalar(.disk), gpus: scalar(.gpus))
    }
}
