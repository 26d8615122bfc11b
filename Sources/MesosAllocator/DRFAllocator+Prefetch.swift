import CPrefetch

extension DRFAllocator {
    /// How many places ahead in a round's agent order the agents' records are prefetched.
    static let recordPrefetchDistance = 4
    /// How many places ahead their free resources' and holdings' storage is prefetched (their
    /// records, prefetched earlier, say where that storage is).
    static let storagePrefetchDistance = 2

    /// Prefetches what the round will read first of the agents a few places after `position` in
    /// `order`: their records, then their free resources, filters and holdings. A round visits every agent in a shuffled order, so each visit began with cache
    /// misses: in a profile of a 50,000-agent round, the first read of an agent's free resources
    /// and of its holdings took a fifth of the round. A prefetch overlaps those misses with the
    /// work on the agents before.
    func prefetchAgents(after position: Int, in order: [Int32]) {
        let far = position + Self.recordPrefetchDistance
        if far < order.count {
            agents.withUnsafeBufferPointer { records in
                guard let base = records.baseAddress else { return }
                let record = UnsafeRawPointer(base + Int(order[far]))
                let line = Int(mesos_cache_line_size())
                var offset = 0
                while offset < MemoryLayout<AgentState>.size {
                    mesos_prefetch(record + offset)
                    offset += line
                }
            }
        }
        let near = position + Self.storagePrefetchDistance
        if near < order.count {
            let slot = Int(order[near])
            agents[slot].available.prefetchStorage()
            agents[slot].filters.prefetchStorage()
            Self.prefetchStorage(of: agents[slot].holdings)
        }
    }

    /// Prefetches the header (count) and first elements of an array's storage.
    static func prefetchStorage<Element>(of array: [Element]) {
        array.withUnsafeBufferPointer { elements in
            // The count sits 16 bytes before the elements, in the storage object's header.
            guard let first = elements.baseAddress else { return }
            mesos_prefetch(UnsafeRawPointer(first) - 16)
        }
    }
}
