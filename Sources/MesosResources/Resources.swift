import MesosModel

/// A collection of resources in Mesos's canonical form, with Mesos's arithmetic
/// (`Resources` in `src/common/resources.cpp`).
///
/// Adding merges resources of the same kind: same name and type, allocation
/// role, reservation stack, disk, revocability, sharedness and provider.
/// `cpus:1` plus `cpus:2` is `cpus:3`; `cpus:1` plus `cpus(eng):2` stays two
/// resources. Subtracting takes away, dropping what reaches zero or below.
/// Values follow Mesos's rules:
/// - scalars use fixed-point thousandths, so they never drift (`0.1 + 0.2 == 0.3`);
/// - ranges coalesce when they overlap or touch, and split when a hole is cut;
/// - sets behave as sets.
///
/// Resources are stored in the "post-reservation-refinement" format
/// (``MesosModel/Resource/upgraded()``); invalid resources (see
/// ``validate(_:)-([Resource])``) and empty ones are silently dropped, as in
/// Mesos, so validate input first where an error must be reported.
///
/// Equality ignores order. Shared resources (persistent volumes marked
/// `shared`) are counted: adding the same one twice holds it twice.
public struct Resources: Sendable, Hashable {
    /// One stored resource; `count` is how many times a shared resource is
    /// held (always 1 for a non-shared one).
    struct Entry: Sendable, Hashable {
        var resource: Resource
        var count: Int
    }

    private(set) var entries: [Entry]

    /// No resources.
    public init() {
        entries = []
    }

    /// The canonical sum of `resources`; invalid and empty ones are dropped.
    public init(_ resources: [Resource]) {
        entries = []
        entries.reserveCapacity(resources.count)
        for resource in resources {
            add(resource)
        }
    }

    /// One resource, unless it is invalid or empty.
    public init(_ resource: Resource) {
        self.init([resource])
    }

    init(entries: [Entry]) {
        self.entries = entries
    }

    /// Whether there are no resources.
    public var isEmpty: Bool { entries.isEmpty }

    // MARK: - Arithmetic

    /// Adds one resource (ignored when invalid or empty).
    public mutating func add(_ resource: Resource) {
        guard Self.isValid(resource) else { return }
        add(Entry(resource: resource.canonicalized(), count: 1))
    }

    /// Adds a canonical entry.
    mutating func add(_ entry: Entry) {
        guard !entry.isEmpty else { return }
        for index in entries.indices where ResourceMatching.addable(entries[index].resource, entry.resource) {
            if entry.resource.shared != nil {
                entries[index].count += entry.count
            } else {
                entries[index].resource.addValue(of: entry.resource)
            }
            return
        }
        entries.append(entry)
    }

    /// Takes one resource away (ignored when invalid or empty). Subtracting
    /// more than is held removes the resource entirely.
    public mutating func subtract(_ resource: Resource) {
        guard Self.isValid(resource) else { return }
        subtract(Entry(resource: resource.canonicalized(), count: 1))
    }

    /// Takes a canonical entry away.
    mutating func subtract(_ entry: Entry) {
        guard !entry.isEmpty else { return }
        for index in entries.indices where ResourceMatching.subtractable(entries[index].resource, entry.resource) {
            var remaining = entries[index]
            if remaining.resource.shared != nil {
                remaining.count -= entry.count
            } else {
                remaining.resource.subtractValue(of: entry.resource)
            }
            let negative = remaining.count < 0 || (remaining.resource.type == .scalar && remaining.resource.scalarMillis < 0)
            if negative || remaining.isEmpty {
                entries.remove(at: index)
            } else {
                entries[index] = remaining
            }
            return
        }
    }

    /// The resources of both.
    public static func + (lhs: Resources, rhs: Resources) -> Resources {
        var result = lhs
        result += rhs
        return result
    }

    /// `lhs` without `rhs`; what `lhs` does not hold is ignored.
    public static func - (lhs: Resources, rhs: Resources) -> Resources {
        var result = lhs
        result -= rhs
        return result
    }

    /// Adds all of `rhs`.
    public static func += (lhs: inout Resources, rhs: Resources) {
        for entry in rhs.entries {
            lhs.add(entry)
        }
    }

    /// Takes away all of `rhs`.
    public static func -= (lhs: inout Resources, rhs: Resources) {
        for entry in rhs.entries {
            lhs.subtract(entry)
        }
    }

    /// The resources plus one more.
    public static func + (lhs: Resources, rhs: Resource) -> Resources {
        var result = lhs
        result.add(rhs)
        return result
    }

    /// The resources without one.
    public static func - (lhs: Resources, rhs: Resource) -> Resources {
        var result = lhs
        result.subtract(rhs)
        return result
    }

    /// Adds one resource.
    public static func += (lhs: inout Resources, rhs: Resource) {
        lhs.add(rhs)
    }

    /// Takes one resource away.
    public static func -= (lhs: inout Resources, rhs: Resource) {
        lhs.subtract(rhs)
    }

    // MARK: - Containment

    /// Whether these resources hold all of `other`: for each of `other`'s
    /// resources, one of these is of the same kind and at least as large.
    public func contains(_ other: Resources) -> Bool {
        var remaining = self
        for entry in other.entries {
            guard remaining.containsEntry(entry) else { return false }
            // Persistent volumes are not addable, so each must be matched once.
            if entry.resource.isPersistentVolume {
                remaining.subtract(entry)
            }
        }
        return true
    }

    /// Whether these resources hold all of `resource` (`false` when it is invalid).
    public func contains(_ resource: Resource) -> Bool {
        guard Self.isValid(resource) else { return false }
        return containsEntry(Entry(resource: resource.canonicalized(), count: 1))
    }

    private func containsEntry(_ entry: Entry) -> Bool {
        entries.contains { held in
            if (held.resource.shared != nil) != (entry.resource.shared != nil) { return false }
            if held.resource.shared != nil {
                return held.count >= entry.count && ResourceMatching.equal(held.resource, entry.resource)
            }
            return ResourceMatching.contains(held.resource, entry.resource)
        }
    }

    // MARK: - Equality

    /// Whether both hold the same resources, in any order.
    public static func == (lhs: Resources, rhs: Resources) -> Bool {
        guard lhs.entries.count == rhs.entries.count else { return false }
        var unmatched = rhs.entries
        for entry in lhs.entries {
            guard let index = unmatched.firstIndex(of: entry) else { return false }
            unmatched.swapAt(index, unmatched.count - 1)
            unmatched.removeLast()
        }
        return true
    }

    /// Hashes the resources independently of their order.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for entry in entries {
            combined ^= entry.hashValue
        }
        hasher.combine(entries.count)
        hasher.combine(combined)
    }
}

extension Resources.Entry {
    /// Whether nothing is held: a zero scalar, no ranges, no items, or a shared count of 0.
    var isEmpty: Bool {
        (resource.shared != nil && count == 0) || resource.hasEmptyValue
    }
}

extension Resources: RandomAccessCollection {
    /// The position of the first resource.
    public var startIndex: Int { entries.startIndex }
    /// The position after the last resource.
    public var endIndex: Int { entries.endIndex }

    /// The resource at `position` (a shared resource held several times appears once). Read in
    /// place: `resources[i].name` reads one field, where a getter would copy the whole resource.
    public subscript(position: Int) -> Resource {
        _read { yield entries[position].resource }
    }
}

extension Resources: ExpressibleByArrayLiteral {
    /// The canonical sum of the listed resources.
    public init(arrayLiteral elements: Resource...) {
        self.init(elements)
    }
}
