import MesosModel
import MesosResources

/// The resources an agent offers when `--resources` does not say, computed from the machine
/// as Mesos does: all cpus, memory minus a reserve for the host, the work dir's disk minus a
/// reserve, and ports 31000-32000. Names given in `--resources` replace the detected ones.
public enum DefaultResources {
    /// The detected resources for a machine with `cpus`, `memoryMB` and `diskMB` (of the work dir).
    public static func detected(cpus: Int, memoryMB: Double, diskMB: Double) -> Resources {
        // Mesos leaves the host 1 GB of memory (half when there is less than 2 GB) and 5 GB of
        // disk (half when there is less than 10 GB).
        let memory = memoryMB >= 2048 ? memoryMB - 1024 : memoryMB / 2
        let disk = diskMB >= 10240 ? diskMB - 5120 : diskMB / 2
        var result = Resources()
        result += Resource.scalar(name: "cpus", value: Double(max(1, cpus)))
        result += Resource.scalar(name: "mem", value: memory.rounded(.down))
        result += Resource.scalar(name: "disk", value: disk.rounded(.down))
        result += Resource.ranges(name: "ports", ranges: [Value.Range(begin: 31000, end: 32000)])
        return result
    }

    /// `detected` with every resource named in `configured` replaced by the configured one.
    public static func merge(detected: Resources, configured: Resources) -> Resources {
        let names = configured.names
        return detected.filter { !names.contains($0.name) } + configured
    }
}
