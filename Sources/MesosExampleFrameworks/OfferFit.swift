/// How many tasks of one shape to launch on one offer: the pure decision of the DRF demo.
public enum OfferFit {
    /// floor(min(cpus / task cpus, mem / task mem)), capped by `perOfferLimit` (nil: no cap) and by
    /// `remaining` tasks the framework may still launch (nil: unlimited). Never negative.
    public static func taskCount(
        offeredCPUs: Double, offeredMemoryMB: Double, shape: TaskShape,
        perOfferLimit: Int? = nil, remaining: Int? = nil
    ) -> Int {
        // A tiny tolerance so 0.3 cpus hold three tasks of 0.1 despite binary floating point.
        let epsilon = 1e-9
        let byCPUs = (offeredCPUs / shape.cpus + epsilon).rounded(.down)
        let byMemory = (offeredMemoryMB / shape.memoryMB + epsilon).rounded(.down)
        var count = max(0, Int(min(byCPUs, byMemory)))
        if let perOfferLimit { count = min(count, max(0, perOfferLimit)) }
        if let remaining { count = min(count, max(0, remaining)) }
        return count
    }
}
