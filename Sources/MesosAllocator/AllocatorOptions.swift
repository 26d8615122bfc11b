/// Allocator configuration (the master's allocator-related flags).
public struct AllocatorOptions: Sendable, Hashable {
    /// `--allocation_interval`: how often the master runs a round. Offer filters last at
    /// least this long so that a refusal survives the next round. Default 1 s.
    public var allocationInterval: Duration
    /// `--min_allocatable_resources`. Default `cpus:0.01|mem:32`.
    public var minAllocatableResources: MinimumAllocatable
    /// `--fair_sharing_excluded_resource_names`: resources ignored when computing
    /// dominant shares. Default `gpus`.
    public var fairnessExcludedResourceNames: Set<String>
    /// `--filter_gpu_resources`: offer agents with GPUs only to frameworks with the
    /// GPU_RESOURCES capability. Default true.
    public var filterGPUResources: Bool
    /// Honour declared per-task demand with DRF progressive filling (demand-sized
    /// offers). When false every framework gets Mesos's whole-agent offers. Default true.
    public var demandSizedOffers: Bool
    /// Bound on the tasks handed out by progressive filling on one agent in one round.
    public var maximumDemandTasksPerAgent: Int

    /// Creates options; every parameter defaults to Mesos's default.
    public init(
        allocationInterval: Duration = .seconds(1),
        minAllocatableResources: MinimumAllocatable = .mesosDefault,
        fairnessExcludedResourceNames: Set<String> = ["gpus"],
        filterGPUResources: Bool = true,
        demandSizedOffers: Bool = true,
        maximumDemandTasksPerAgent: Int = 4096
    ) {
        self.allocationInterval = allocationInterval
        self.minAllocatableResources = minAllocatableResources
        self.fairnessExcludedResourceNames = fairnessExcludedResourceNames
        self.filterGPUResources = filterGPUResources
        self.demandSizedOffers = demandSizedOffers
        self.maximumDemandTasksPerAgent = maximumDemandTasksPerAgent
    }
}
