/// A framework's declared per-task demand, interned: scalar amounts and numbers of
/// range values (e.g. ports) per resource name.
struct TaskShape: Sendable, Hashable {
    struct Scalar: Sendable, Hashable {
        var name: Int32
        var millis: Int64
    }

    struct RangeCount: Sendable, Hashable {
        var name: Int32
        var count: UInt64
    }

    var scalars: [Scalar]
    var ranges: [RangeCount]
}
