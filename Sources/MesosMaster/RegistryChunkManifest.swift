import Foundation

/// What the registry znode holds when the registry is larger than one znode may be: where its
/// chunks are (`<path>/registry-chunks/<generation>/<index>`), how many, how many bytes in all,
/// and their FNV-1a hash. Written last, with the registry znode's compare-and-set, so a reader
/// sees either the old registry or the whole new one.
struct RegistryChunkManifest: Codable, Equatable, Sendable {
    /// The top-level key that marks a manifest (a registry's JSON never has it).
    static let marker = "swift_mesos_registry_chunks"

    struct Body: Codable, Equatable, Sendable {
        var generation: String
        var chunks: Int
        var bytes: Int
        var fnv1a64: String
    }

    var body: Body

    enum CodingKeys: String, CodingKey {
        case body = "swift_mesos_registry_chunks"
    }

    init(generation: String, data: [UInt8], chunks: Int) {
        body = Body(generation: generation, chunks: chunks, bytes: data.count, fnv1a64: Self.hash(data))
    }

    /// The manifest in `data`, or nil when `data` is a registry's JSON itself.
    static func parse(_ data: [UInt8]) -> RegistryChunkManifest? {
        guard data.count < 4096, String(decoding: data.prefix(64), as: UTF8.self).contains(marker) else { return nil }
        return try? JSONDecoder().decode(RegistryChunkManifest.self, from: Data(data))
    }

    var encoded: [UInt8] {
        // Encoding a struct of strings and integers cannot fail.
        Array((try? JSONEncoder().encode(self)) ?? Data())
    }

    /// Whether `data` is what the manifest describes.
    func matches(_ data: [UInt8]) -> Bool {
        data.count == body.bytes && Self.hash(data) == body.fnv1a64
    }

    /// FNV-1a, 64 bits, in hex: catches a chunk set that is incomplete or mixed up.
    static func hash(_ data: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
