/// Set algebra on sorted arrays of unique strings.
enum SortedStrings {
    static func normalized(_ items: [String]) -> [String] {
        var sorted = items.sorted()
        var write = 0
        for read in sorted.indices where read == 0 || sorted[read] != sorted[write - 1] {
            sorted[write] = sorted[read]
            write += 1
        }
        sorted.removeLast(sorted.count - write)
        return sorted
    }

    static func union(_ a: [String], _ b: [String]) -> [String] {
        normalized(a + b)
    }

    static func subtracting(_ a: [String], _ b: [String]) -> [String] {
        let removed = Set(b)
        return a.filter { !removed.contains($0) }
    }

    static func contains(_ a: [String], _ b: [String]) -> Bool {
        let present = Set(a)
        return b.allSatisfy { present.contains($0) }
    }
}
