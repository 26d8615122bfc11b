import Glibc

/// How many HTTP connections the master keeps open at once, so that it never runs out of file
/// descriptors: past the process's open-file limit, `accept` fails (the listen queue fills up and
/// every client hangs) and libdispatch aborts the process when it cannot open `/proc` (both seen
/// with 10,000 agents and a 20,000 file limit). Connections beyond the limit are closed at once
/// (``ConnectionLimiter``); clients retry.
public enum ConnectionLimit {
    /// The default for an open-file limit of `openFiles`: the limit less a reserve for everything
    /// else the master opens (its registry, ZooKeeper, event loops, `/proc` reads): an eighth of
    /// the limit, at least 64 and at most 1,024 descriptors.
    public static func `default`(openFiles: Int) -> Int {
        let reserve = min(1024, max(64, openFiles / 8))
        return max(1, openFiles - reserve)
    }

    /// Raises the soft open-file limit to the hard one (as Go's runtime and most servers do) and
    /// returns the limit now in force and the one before, or nil when it cannot be read.
    public static func raiseOpenFileLimit() -> (now: Int, before: Int)? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        let before = Int(clamping: limit.rlim_cur)
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return (Int(clamping: limit.rlim_cur), before)
    }
}
