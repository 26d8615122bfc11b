import Foundation
import MesosHTTPClient
import MesosModel
import MesosTestKit
import Testing

/// Mutated valid calls must never crash or block the master: every answer is an
/// HTTP status below 500 (or a 200 stream), and the master stays healthy.
@Suite("Fuzzing the API", .timeLimit(.minutes(3)))
struct FuzzTests {
    static let seeds: [String] = [
        #"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"u","name":"n","roles":["a"],"capabilities":[{"type":"MULTI_ROLE"}]}}}"#,
        #"{"type":"ACCEPT","framework_id":{"value":"F"},"accept":{"offer_ids":[{"value":"O1"}],"operations":[{"type":"LAUNCH","launch":{"task_infos":[{"name":"t","task_id":{"value":"t"},"agent_id":{"value":"S"},"resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":1}}],"command":{"value":"x"}}]}}],"filters":{"refuse_seconds":5}}}"#,
        #"{"type":"ACKNOWLEDGE","framework_id":{"value":"F"},"acknowledge":{"agent_id":{"value":"S"},"task_id":{"value":"t"},"uuid":"hTaLQ0b5Q1OZuab7QclTKQ=="}}"#,
        #"{"type":"RECONCILE","framework_id":{"value":"F"},"reconcile":{"tasks":[{"task_id":{"value":"t"}}]}}"#,
        #"{"type":"SUBSCRIBE","subscribe":{"agent_info":{"hostname":"h","resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":1}}]}}}"#,
        #"{"type":"UPDATE","agent_id":{"value":"S"},"update":{"status":{"task_id":{"value":"t"},"state":"TASK_RUNNING"}}}"#,
    ]

    /// A deterministic mutation of `text`: byte flips, deletions, duplications, type swaps.
    static func mutate(_ text: String, _ random: inout FuzzRandom) -> [UInt8] {
        var bytes = Array(text.utf8)
        for _ in 0..<(1 + Int(random.next() % 4)) {
            guard !bytes.isEmpty else { break }
            let index = Int(random.next() % UInt64(bytes.count))
            switch random.next() % 6 {
            case 0: bytes[index] = UInt8(truncatingIfNeeded: random.next())
            case 1: bytes.remove(at: index)
            case 2: bytes.insert(contentsOf: bytes[index..<min(bytes.count, index + 16)], at: index)
            case 3: bytes.insert(contentsOf: Array(#"-1e309"#.utf8), at: index)
            case 4: bytes.insert(contentsOf: Array(#"{"value":""}"#.utf8), at: index)
            default: bytes.insert(contentsOf: Array("\u{0}\"\\".utf8), at: index)
            }
        }
        return bytes
    }

    @Test func mutatedCallsNeverBreakTheMaster() async throws {
        try await withMaster { daemon, client in
            var random = FuzzRandom(seed: 42)
            var statuses: [Int: Int] = [:]
            for round in 0..<300 {
                let seed = Self.seeds[round % Self.seeds.count]
                let path = seed.contains("agent_info") || seed.contains("\"UPDATE\"") ? "/api/v1/agent" : "/api/v1/scheduler"
                let body = Self.mutate(seed, &random)
                let response = try await client.stream(HTTPRequest(
                    method: .post, url: daemon.baseURL + path,
                    headers: ["Content-Type": "application/json", "Mesos-Stream-Id": "x"], body: body, timeout: .seconds(10)))
                response.cancel()
                statuses[response.status, default: 0] += 1
                #expect(response.status < 500, "\(path) answered \(response.status) to \(String(decoding: body, as: UTF8.self))")
            }
            #expect((statuses[400] ?? 0) > 0)
            let health = try await client.execute(HTTPRequest(url: daemon.baseURL + "/health"))
            #expect(health.status == 200)
            _ = try await getJSON(client, daemon, "/master/state")
        }
    }
}

/// SplitMix64: a small deterministic generator for the fuzzer.
struct FuzzRandom {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
