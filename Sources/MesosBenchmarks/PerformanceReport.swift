import Foundation

/// Renders the benchmark results (the JSON files `make bench` writes) as the generated section of
/// Docs/performance.md: per benchmark its machine, its figures and its goals, then the comparison
/// with the published anchors of shared/reference/drf-and-allocator.md.
struct PerformanceReport {
    /// Benchmark name → its decoded JSON object.
    var results: [String: [String: Any]]

    static let beginMarker = "<!-- make bench: generated section begins; edits inside are overwritten -->"
    static let endMarker = "<!-- make bench: generated section ends -->"

    /// Replaces the generated section of `document` (or appends one).
    static func splice(_ section: String, into document: String) -> String {
        let block = "\(beginMarker)\n\(section)\n\(endMarker)"
        guard let begin = document.range(of: beginMarker), let end = document.range(of: endMarker), begin.upperBound <= end.lowerBound else {
            return document.hasSuffix("\n") ? document + "\n" + block + "\n" : document + "\n\n" + block + "\n"
        }
        return document.replacingCharacters(in: begin.lowerBound..<end.upperBound, with: block)
    }

    func markdown() -> String {
        var out = "## Results of the last `make bench`\n\n"
        out += "Every process of a benchmark (masters, agents, ZooKeeper, load generator) ran on the one machine named with its figures.\n\n"
        let order = ["load", "load-h2", "scale", "scale-50k", "scale-core", "growth", "launch", "failover", "allocator", "codec", "http-client"]
        for name in order + results.keys.sorted().filter({ !order.contains($0) }) {
            guard let result = results[name] else { continue }
            out += "### \(Self.titles[name] ?? name)\n\n"
            if let machine = result["machine"] as? [String: Any] { out += "Machine: \(Self.describe(machine: machine)).\n\n" }
            if let configuration = result["configuration"] as? [String: Any] {
                out += "Configuration: " + configuration.keys.sorted().map { "\($0) \(Self.format(configuration[$0] as Any))" }.joined(separator: ", ") + ".\n\n"
            }
            if name == "allocator" {
                out += Self.allocatorTable(result)
            } else if name == "codec" {
                out += Self.codecTable(result)
            } else if name == "http-client" {
                out += Self.httpClientTable(result)
            } else if name == "growth" {
                out += Self.growthTables(result)
            } else if let figures = result["results"] as? [String: Any] {
                out += "| figure | value |\n|---|---|\n"
                for (key, value) in Self.flatten(figures) { out += "| \(key) | \(value) |\n" }
                out += "\n"
            }
            if let sweep = result["sweep"] as? [[String: Any]], !sweep.isEmpty {
                out += Self.sweepTable(sweep, highest: result["highestRateWithinLatencyGoal"])
            }
            if let goals = result["goals"] as? [[String: Any]], !goals.isEmpty {
                out += "| goal | measured | limit | met |\n|---|---|---|---|\n"
                for goal in goals {
                    let unit = goal["unit"] as? String ?? ""
                    let bound = (goal["kind"] as? String) == "min" ? "≥" : "≤"
                    out += "| \(goal["name"] as? String ?? "?") | \(Self.format(goal["value"] as Any)) \(unit) | \(bound) \(Self.format(goal["limit"] as Any)) \(unit) | \((goal["met"] as? Bool) == true ? "yes" : "**no**") |\n"
                }
                out += "\n"
            }
        }
        out += Self.anchors(results)
        return out
    }

    static let titles = [
        "load": "Control-plane throughput (`swift-mesos-bench load`)",
        "load-h2": "Control-plane throughput, agents over HTTP/2 (`swift-mesos-bench load --http2`)",
        "scale": "Scale over HTTP (`swift-mesos-bench scale`)",
        "scale-50k": "50,000 agents over HTTP/2 (`swift-mesos-bench scale --agents 50000 --http2`)",
        "scale-core": "Scale of the master's core (`swift-mesos-bench scale-core`)",
        "growth": "How cost grows with the cluster (`swift-mesos-bench growth`)",
        "launch": "Real containers: launch overhead over `docker run` (`swift-mesos-bench launch`)",
        "failover": "Master failover (`swift-mesos-bench failover`)",
        "allocator": "Allocator (`swift-mesos-bench allocator`)",
        "codec": "JSON encoding and decoding of the hot messages (`swift-mesos-bench codec`)",
        "http-client": "Cost of one request of `MesosHTTPClient` (`swift-mesos-bench http-client`)",
    ]

    static func describe(machine: [String: Any]) -> String {
        let cores = machine["cores"].map { format($0) } ?? "?"
        let memory = (machine["memoryMiB"] as? Double).map { format($0 / 1024) } ?? (machine["memoryMiB"] as? Int).map { format(Double($0) / 1024) } ?? "?"
        let model = machine["cpuModel"] as? String ?? "unknown CPU"
        let load = machine["loadAverage1m"].map { ", load average \(format($0)) when it started" } ?? ""
        return "\(cores) cores (\(model)), \(memory) GiB, \(machine["operatingSystem"] as? String ?? "?"), run \(machine["date"] as? String ?? "")\(load)"
    }

    /// Scalars of a nested results object as `a.b` paths, sorted; arrays of scalars joined.
    static func flatten(_ object: [String: Any], prefix: String = "") -> [(String, String)] {
        var rows: [(String, String)] = []
        for key in object.keys.sorted() {
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            switch object[key] {
            case let nested as [String: Any]: rows += flatten(nested, prefix: path)
            case let list as [Any] where list.allSatisfy({ !($0 is [String: Any]) && !($0 is [Any]) }):
                if !list.isEmpty { rows.append((path, list.map { format($0) }.joined(separator: "; "))) }
            case let list as [Any]: rows.append((path, "\(list.count) entries"))
            case let value?: rows.append((path, format(value)))
            case nil: break
            }
        }
        return rows
    }

    static func format(_ value: Any) -> String {
        // JSONSerialization gives NSNumber for numbers and booleans alike (a 1 casts to Bool):
        // a boolean is the one whose objCType is "c".
        if let number = value as? NSNumber, String(cString: number.objCType) == "c" { return number.boolValue ? "yes" : "no" }
        switch value {
        case let list as [Any]: return list.isEmpty ? "none" : list.map { format($0) }.joined(separator: " ")
        case let number as Int: return number.formatted(.number.grouping(.automatic))
        case let number as Double:
            if number.isNaN || number.isInfinite { return "\(number)" }
            if number == number.rounded(), abs(number) < 1e15 { return Int(number).formatted(.number.grouping(.automatic)) }
            if abs(number) >= 100 { return String(format: "%.0f", number) }
            if abs(number) >= 10 { return String(format: "%.1f", number) }
            if abs(number) >= 1 {
                // Two decimals (a limit of 1.15 must not read 1.1), without trailing zeros.
                var text = String(format: "%.2f", number)
                while text.hasSuffix("0") { text.removeLast() }
                return text.hasSuffix(".") ? String(text.dropLast()) : text
            }
            return String(format: "%.3g", number)
        case let text as String: return text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        default: return "\(value)"
        }
    }

    /// The load benchmark at each target rate.
    static func sweepTable(_ points: [[String: Any]], highest: Any?) -> String {
        var out = "| target rate | tasks RUNNING per second | ACCEPT → RUNNING p50 | p99 | max | master CPU (one core) |\n|---|---|---|---|---|---|\n"
        for point in points {
            let latency = point["launchLatency"] as? [String: Any] ?? [:]
            let cpu = (point["masterCPUUtilization"] as? Double).map { "\(format($0 * 100)) %" } ?? ""
            out += "| \(format(point["targetRate"] as Any))/s | \(format(point["tasksRunningPerSecond"] as Any)) | \(format(latency["p50Ms"] as Any)) ms | \(format(latency["p99Ms"] as Any)) ms | \(format(latency["maxMs"] as Any)) ms | \(cpu) |\n"
        }
        let best = highest.map { "\(format($0)) tasks/s" } ?? "none of the rates measured"
        return out + "\nHighest rate sustained (at least 95 % of the target running) with p99 ACCEPT → RUNNING ≤ 100 ms: \(best).\n\n"
    }

    /// The growth benchmark: the core at each size, throughput at each size, the conclusions.
    static func growthTables(_ result: [String: Any]) -> String {
        let results = result["results"] as? [String: Any] ?? [:]
        var out = "| agents | tasks | master core peak RSS | allocation round (every agent offered) |\n|---|---|---|---|\n"
        for row in results["core"] as? [[String: Any]] ?? [] {
            out += "| \(format(row["agents"] as Any)) | \(format(row["tasks"] as Any)) | \(format(row["peakRSSMiB"] as Any)) MiB | \(format(row["allocationRoundMs"] as Any)) ms |\n"
        }
        let load = results["load"] as? [[String: Any]] ?? []
        if !load.isEmpty {
            out += "\n| agents (over HTTP) | tasks RUNNING per second | p99 ACCEPT → RUNNING | master CPU per task | master peak RSS |\n|---|---|---|---|---|\n"
            for row in load {
                out += "| \(format(row["agents"] as Any)) | \(format(row["tasksRunningPerSecond"] as Any)) | \(format(row["p99LaunchMs"] as Any)) ms | \(format(row["masterCPUMsPerTask"] as Any)) ms | \(format(row["masterPeakRSSMiB"] as Any)) MiB |\n"
            }
        }
        let conclusions = results["conclusions"] as? [String] ?? []
        return out + "\n" + conclusions.map { "- \($0)\n" }.joined() + "\n"
    }

    static func allocatorTable(_ result: [String: Any]) -> String {
        var out = "Milliseconds per round, median [min–max]; reference = the full-sort `ReferenceAllocator`.\n\n"
        out += "| agents / frameworks | full round | decline offers | peak RSS | reference full round | speedup |\n|---|---|---|---|---|---|\n"
        for row in result["results"] as? [[String: Any]] ?? [] {
            let ours = row["swiftMesos"] as? [String: Any] ?? [:]
            func timing(_ object: [String: Any]?, _ key: String) -> String {
                guard let t = object?[key] as? [String: Any] else { return "" }
                return "\(format(t["medianMs"] as Any)) [\(format(t["minMs"] as Any))–\(format(t["maxMs"] as Any))]"
            }
            let reference = row["reference"] as? [String: Any]
            let speedup = (row["fullRoundSpeedup"] as? Double).map { "\(format($0))×" } ?? ""
            out += "| \(format(row["agents"] as Any)) / \(format(row["frameworks"] as Any)) | \(timing(ours, "fullRound")) | \(timing(ours, "declineOffers")) | \(ours["peakRSSMiB"].map { "\(format($0)) MiB" } ?? "") | \(timing(reference, "fullRound")) | \(speedup) |\n"
        }
        return out + "\n"
    }

    static func codecTable(_ result: [String: Any]) -> String {
        var out = "Microseconds per message (\(format(result["iterations"] as Any)) iterations each): Foundation's `JSONEncoder` and `JSONDecoder`, and what `MesosJSON` (the master and every client) uses: the one-pass `StreamingJSONEncoder` and the tape decoder.\n\n"
        out += "| message | bytes | Foundation encode | one-pass encode | speedup | Foundation decode | tape decode | speedup |\n|---|---|---|---|---|---|---|---|\n"
        for row in result["results"] as? [[String: Any]] ?? [] {
            let cells = ["bytes", "foundationEncodeMicroseconds", "streamingEncodeMicroseconds"].map { format(row[$0] as Any) }
            let decode = ["decodeMicroseconds", "tapeDecodeMicroseconds"].map { format(row[$0] as Any) }
            let decodeSpeedup = row["decodeSpeedup"].map { "\(format($0))×" } ?? ""
            out += "| \(row["message"] as? String ?? "?") | \(cells.joined(separator: " | ")) | \(format(row["encodeSpeedup"] as Any))× | \(decode.joined(separator: " | ")) | \(decodeSpeedup) |\n"
        }
        return out + "\n"
    }

    static func httpClientTable(_ result: [String: Any]) -> String {
        var out = "`GET /health` of a real master through `MesosHTTPClient` (the agent's and the SDK's client): CPU per request of the client's process and of the master.\n\n"
        out += "| mode | requests | requests/s | client CPU µs/request | master CPU µs/request |\n|---|---|---|---|---|\n"
        for row in result["results"] as? [[String: Any]] ?? [] {
            let cells = ["requests", "requestsPerSecond", "clientCPUMicrosecondsPerRequest", "serverCPUMicrosecondsPerRequest"]
                .map { format(row[$0] as Any) }
            out += "| \(row["mode"] as? String ?? "?") | \(cells.joined(separator: " | ")) |\n"
        }
        return out + "\n"
    }

    /// Our figures next to the published ones they answer.
    static func anchors(_ results: [String: [String: Any]]) -> String {
        func value(_ benchmark: String, _ path: String) -> Any? {
            var current: Any? = results[benchmark]?["results"]
            for key in path.split(separator: ".") { current = (current as? [String: Any])?[String(key)] }
            return current
        }
        func allocatorMedian(agents: Int) -> String {
            let rows = results["allocator"]?["results"] as? [[String: Any]] ?? []
            guard let row = rows.first(where: { ($0["agents"] as? Int) == agents }),
                  let ms = ((row["swiftMesos"] as? [String: Any])?["fullRound"] as? [String: Any])?["medianMs"]
            else { return "not run" }
            return "\(format(ms)) ms"
        }
        func show(_ value: Any?, _ unit: String) -> String { value.map { "\(format($0)) \(unit)" } ?? "not run" }
        var out = "### Against the published anchors\n\n| figure | published | swift-mesos (this run) |\n|---|---|---|\n"
        out += "| allocation round, 10k agents / 1k frameworks | Mesos 1.8: ~1.1 s | \(allocatorMedian(agents: 10_000)) |\n"
        out += "| allocation round, 20k agents / 2k frameworks | Mesos 1.8: ~3.8 s | \(allocatorMedian(agents: 20_000)) |\n"
        out += "| tasks scheduled per second | Kubernetes scheduler_perf floor 680–810 pods/s; Nomad C1M ~3,750/s | \(show(value("load", "tasksRunningPerSecond"), "tasks/s")) |\n"
        let core = results["scale-core"]?["configuration"] as? [String: Any]
        let coreSize = core.map { "\(format($0["agents"] as Any)) agents, \(format($0["tasks"] as Any)) tasks" } ?? ""
        out += "| master with 50,000 agents | Mesos paper: 50,000 emulated nodes | core (\(coreSize)): \(show(value("scale-core", "peakRSSMiB"), "MiB")) peak RSS, allocation round \(show(value("scale-core", "allocationRound.medianMs"), "ms")); over HTTP: \(show((results["scale"]?["configuration"] as? [String: Any])?["agents"], "agents")), state-summary \(show(value("scale", "stateSummaryMs.medianMs"), "ms")); over HTTP/2: \(show((results["scale-50k"]?["configuration"] as? [String: Any])?["agents"], "agents")) registered in \(show(value("scale-50k", "agentRegistrationSeconds"), "s")), \(show(value("scale-50k", "masterPeakRSSMiB"), "MiB")) peak RSS |\n"
        out += "| master failover | Mesos 1.5: ~4 s at 10k agents / 100k tasks | \(failoverFigure(results["failover"])) |\n"
        out += "| containers on one agent | Mesos 1.7: 1,000 in ~30 s | \(launchFigure(results["launch"])) |\n"
        return out
    }

    /// The failover benchmark's headline: the first goal's value (its own JSON names the scenario).
    static func failoverFigure(_ result: [String: Any]?) -> String {
        guard let goal = (result?["goals"] as? [[String: Any]])?.first else { return "not run" }
        return "\(format(goal["value"] as Any)) \(goal["unit"] as? String ?? "") (\(goal["name"] as? String ?? ""))"
    }

    /// The launch benchmark's goals, in one cell.
    static func launchFigure(_ result: [String: Any]?) -> String {
        guard let goals = result?["goals"] as? [[String: Any]], !goals.isEmpty else { return "not run" }
        return goals.map { "\($0["name"] as? String ?? ""): \(format($0["value"] as Any))" }.joined(separator: "; ")
    }
}
