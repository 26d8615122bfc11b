import MesosModel

/// Resources summed by name, in the flat shape of Mesos's state endpoints
/// (`{"cpus": 1.5, "mem": 128, "disk": 0, "gpus": 0, "ports": "[31000-31005]", "zones": "{a, b}"}`):
/// scalars added, ranges merged, set items united, whatever their roles and reservations.
///
/// Adding a task's resource list costs a few dictionary updates, where building a `Resources`
/// value and adding it (as the state endpoints did) canonicalizes every resource: with 100,000
/// tasks that was a fifth of `/master/state-summary`'s time.
///
/// The four scalars every map has are stored fields: a totals value that holds nothing else
/// allocates nothing (the summary builds three per agent).
struct ResourceTotals {
    private var cpus = 0.0
    private var mem = 0.0
    private var disk = 0.0
    private var gpus = 0.0
    private var scalars: [String: Double] = [:]
    private var ranges: [String: [Value.Range]] = [:]
    private var sets: [String: Set<String>] = [:]

    /// Adds the resources, reading each one's fields in place by index: a `for` loop copies every
    /// resource out of the list (a `Resource` has a dozen fields), and that copy was most of the
    /// cost of summing an agent's resources in `/master/state-summary`.
    mutating func add<List: RandomAccessCollection<Resource>>(_ resources: List) {
        for index in resources.indices {
            switch resources[index].type {
            case .scalar:
                let value = resources[index].scalar?.value ?? 0
                switch resources[index].name {
                case "cpus": cpus += value
                case "mem": mem += value
                case "disk": disk += value
                case "gpus": gpus += value
                default: scalars[resources[index].name, default: 0] += value
                }
            case .ranges: ranges[resources[index].name, default: []] += resources[index].ranges?.range ?? []
            case .set: sets[resources[index].name, default: []].formUnion(resources[index].set?.item ?? [])
            case .text: break
            }
        }
    }

    mutating func add(_ other: ResourceTotals) {
        cpus += other.cpus
        mem += other.mem
        disk += other.disk
        gpus += other.gpus
        scalars.merge(other.scalars, uniquingKeysWith: +)
        ranges.merge(other.ranges, uniquingKeysWith: +)
        sets.merge(other.sets) { $0.union($1) }
    }

    static func + (lhs: ResourceTotals, rhs: ResourceTotals) -> ResourceTotals {
        var sum = lhs
        sum.add(rhs)
        return sum
    }

    /// The sum of the scalar resources named `name`.
    func scalar(_ name: String) -> Double {
        switch name {
        case "cpus": cpus
        case "mem": mem
        case "disk": disk
        case "gpus": gpus
        default: scalars[name] ?? 0
        }
    }

    /// The ranges sorted, overlapping and adjacent ones merged.
    static func merged(_ list: [Value.Range]) -> [Value.Range] {
        var result: [Value.Range] = []
        for range in list.sorted(by: { ($0.begin, $0.end) < ($1.begin, $1.end) }) {
            if let last = result.last, range.begin == 0 || range.begin - 1 <= last.end {
                result[result.count - 1].end = max(last.end, range.end)
            } else {
                result.append(range)
            }
        }
        return result
    }

    var object: [String: OperatorJSON] {
        var map: [String: OperatorJSON] = scalars.mapValues { .double($0) }
        map["cpus"] = .double(cpus)
        map["mem"] = .double(mem)
        map["disk"] = .double(disk)
        map["gpus"] = .double(gpus)
        for (name, list) in ranges { map[name] = .string(Self.text(list)) }
        for (name, items) in sets { map[name] = .string(Self.text(items)) }
        return map
    }

    /// The same map as ``object``, written as an object into `json`.
    func write(into json: inout JSONWriter) {
        json.beginObject()
        json.member("cpus", cpus)
        json.member("mem", mem)
        json.member("disk", disk)
        json.member("gpus", gpus)
        for (name, value) in scalars {
            json.key(escaping: name)
            json.double(value)
        }
        for (name, list) in ranges {
            json.key(escaping: name)
            json.string(Self.text(list))
        }
        for (name, items) in sets {
            json.key(escaping: name)
            json.string(Self.text(items))
        }
        json.endObject()
    }

    /// `[31000-31005, 32000-32000]`.
    private static func text(_ list: [Value.Range]) -> String {
        "[" + merged(list).map { "\($0.begin)-\($0.end)" }.joined(separator: ", ") + "]"
    }

    /// `{a, b}`.
    private static func text(_ items: Set<String>) -> String {
        "{" + items.sorted().joined(separator: ", ") + "}"
    }
}
