#ifndef C_PREFETCH_H
#define C_PREFETCH_H

/// Asks the CPU to bring the cache line at `address` in, without waiting for it (a hint: an
/// address that is not mapped is ignored). Swift has no prefetch of its own; the allocator's
/// rounds visit 50,000 agents in random order, and each agent's first loads miss the cache.
static inline void mesos_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// The number of bytes `mesos_prefetch` brings in.
int mesos_cache_line_size(void);

#endif
