import ArgumentParser
import Foundation
import MesosModel

/// `swift-mesos-bench codec`: microseconds per JSON encode and decode of the messages on the
/// master's hot path (every launched task costs about five encoded events and four decoded calls),
/// with Foundation's `JSONEncoder`/`JSONDecoder` and with what `MesosJSON` uses: the one-pass
/// `StreamingJSONEncoder` and the tape decoder.
struct CodecBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec",
        abstract: "Time JSON encoding and decoding of the master's hot messages (Foundation vs MesosJSON's own codec)."
    )

    @Option(help: "Encodes and decodes timed per message and codec (after a tenth as warm-up).")
    var iterations = 20_000

    @Option(help: "Write the results as JSON to this file.")
    var output: String?

    struct Row: Codable {
        var message: String
        var bytes: Int
        var foundationEncodeMicroseconds: Double
        var streamingEncodeMicroseconds: Double
        /// Foundation's `JSONDecoder`.
        var decodeMicroseconds: Double
        /// `MesosJSON.decode` (the tape decoder).
        var tapeDecodeMicroseconds: Double
        var encodeSpeedup: Double
        var decodeSpeedup: Double
    }

    struct Report: Codable {
        var benchmark = "codec"
        var machine: MachineInfo
        var iterations: Int
        var results: [Row]
    }

    func validate() throws {
        guard (1...10_000_000).contains(iterations) else {
            throw ValidationError("--iterations must be between 1 and 10000000, got \(iterations)")
        }
    }

    func run() throws {
        print("JSON codec benchmark (microseconds per message, \(iterations) iterations)")
        print("message                 bytes   Foundation encode   one-pass encode   speedup   Foundation decode   tape decode   speedup")
        var rows: [Row] = []
        for sample in HotMessage.samples {
            let row = try sample.measure(iterations)
            rows.append(row)
            print(
                row.message.padding(toLength: 22, withPad: " ", startingAt: 0)
                    + String(format: "%7d   %17.2f   %15.2f   %6.2fx   %17.2f   %11.2f   %6.2fx", row.bytes, row.foundationEncodeMicroseconds,
                        row.streamingEncodeMicroseconds, row.encodeSpeedup, row.decodeMicroseconds, row.tapeDecodeMicroseconds,
                        row.decodeSpeedup))
        }
        if let output {
            try writeJSON(Report(machine: .current(), iterations: iterations, results: rows), to: output)
            print("\nWrote \(output)")
        }
    }
}

/// A message of the master's hot path, type-erased for timing.
struct HotMessage: Sendable {
    let name: String
    let measure: @Sendable (_ iterations: Int) throws -> CodecBenchmark.Row

    /// A message timed `iterations / divisor` times (at least once): a large one is timed fewer times.
    init<T: Codable & Sendable>(_ name: String, _ value: T, divisor: Int = 1) {
        self.name = name
        measure = { requested in
            let iterations = max(1, requested / max(1, divisor))
            let encoder = MesosJSON.makeEncoder()
            let data = try encoder.encode(value)
            let warmUp = max(1, iterations / 10)
            func time(_ body: () throws -> Void) rethrows -> Double {
                for _ in 0..<warmUp { try body() }
                let clock = ContinuousClock()
                let start = clock.now
                for _ in 0..<iterations { try body() }
                return (clock.now - start).milliseconds * 1000 / Double(iterations)
            }
            let foundation = try time { _ = try encoder.encode(value) }
            let streaming = try time { _ = try StreamingJSONEncoder.encode(value) }
            let decoder = MesosJSON.makeDecoder()
            let decode = try time { _ = try decoder.decode(T.self, from: data) }
            let tapeDecode = try time { _ = try MesosJSON.decode(T.self, from: data) }
            return CodecBenchmark.Row(
                message: name, bytes: data.count, foundationEncodeMicroseconds: foundation,
                streamingEncodeMicroseconds: streaming, decodeMicroseconds: decode, tapeDecodeMicroseconds: tapeDecode,
                encodeSpeedup: foundation / max(streaming, 1e-9), decodeSpeedup: decode / max(tapeDecode, 1e-9))
        }
    }

    /// The messages a launched task costs, as the master and the load generator send them.
    static let samples: [HotMessage] = {
        let frameworkID: FrameworkID = "6f1f4c1e-3a5d-4f0e-9b1a-5c2d8e7f9a10-0001"
        let agentID: AgentID = "6f1f4c1e-3a5d-4f0e-9b1a-5c2d8e7f9a10-S42"
        let uuid = Data((0..<16).map { UInt8($0 * 7 % 256) })
        let taskID: TaskID = "load-0001-000123"
        let status = TaskStatus(
            taskID: taskID, state: .running, source: .executor, agentID: agentID, executorID: "load-0001-000123",
            timestamp: 1_764_700_000.123456, uuid: uuid)
        let task = TaskInfo(
            name: "load", taskID: taskID, agentID: agentID,
            resources: [.scalar(name: "cpus", value: 0.1), .scalar(name: "mem", value: 32)],
            command: CommandInfo(value: "sleep 1"))
        let framework = FrameworkInfo(user: "bench", name: "load-framework-1", id: frameworkID)
        let accept = Scheduler.Call.accept(
            frameworkID: frameworkID, offerIDs: ["6f1f4c1e-3a5d-4f0e-9b1a-5c2d8e7f9a10-O1234"],
            operations: [.launch([task, task, task, task])], filters: Filters(refuseSeconds: 0))
        let offer = Offer(
            id: "6f1f4c1e-3a5d-4f0e-9b1a-5c2d8e7f9a10-O1234", frameworkID: frameworkID, agentID: agentID, hostname: "agent-42",
            resources: [.scalar(name: "cpus", value: 8), .scalar(name: "mem", value: 16384), .scalar(name: "disk", value: 100_000)])
        return [
            HotMessage("event UPDATE", Scheduler.Event.update(status)),
            HotMessage("event OFFERS (1)", Scheduler.Event.offers([offer])),
            // A round's OFFERS event to one framework of a big cluster holds hundreds of offers.
            HotMessage("event OFFERS (100)", Scheduler.Event.offers((0..<100).map { index in
                var next = offer
                next.id = OfferID("6f1f4c1e-3a5d-4f0e-9b1a-5c2d8e7f9a10-O\(1000 + index)")
                next.agentID = AgentID("6f1f4c1e-3a5d-4f0e-9b1a-5c2d8e7f9a10-S\(index)")
                next.hostname = "agent-\(index)"
                return next
            }), divisor: 50),
            HotMessage("agent event RUN_TASK", AgentProtocol.Event.runTask(.init(frameworkInfo: framework, task: task))),
            HotMessage(
                "agent event ACK",
                AgentProtocol.Event.acknowledge(.init(frameworkID: frameworkID, taskID: taskID, uuid: uuid))),
            HotMessage("call ACCEPT (4 tasks)", accept),
            HotMessage(
                "call ACKNOWLEDGE",
                Scheduler.Call.acknowledge(frameworkID: frameworkID, agentID: agentID, taskID: taskID, uuid: uuid)),
            HotMessage(
                "agent call UPDATE",
                AgentProtocol.Call.update(agentID: agentID, frameworkID: frameworkID, status: status, latestState: .running)),
        ]
    }()
}
