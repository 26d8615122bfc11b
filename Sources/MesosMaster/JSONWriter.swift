/// Writes JSON text straight into bytes, member by member, for the operator responses that grow
/// with the cluster (`/master/state-summary` and the agents of `/master/state`): building an
/// ``OperatorJSON`` tree first costs a dictionary per object, which at 50,000 agents made the
/// summary take 4.7 s of the master's CPU.
///
/// The writer places the commas: a value, object or array written after another one at the same
/// level is preceded by one. Keys, strings and numbers are written as ``OperatorJSON`` writes them.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value opens its container (or follows a key): no comma before it.
    private var atStart = true

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if !atStart { bytes.append(UInt8(ascii: ",")) }
        atStart = false
    }

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        atStart = true
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        atStart = false
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        atStart = true
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        atStart = false
    }

    /// A member's key, escaped as JSON requires; its value is written next.
    mutating func key(escaping name: String) {
        separate()
        OperatorJSON.write(string: name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        atStart = true
    }

    /// A member's key already written as JSON text with its colon (`"name":`), copied as is.
    mutating func key(text: [UInt8]) {
        separate()
        bytes.append(contentsOf: text)
        atStart = true
    }

    /// A member's key written in the source, copied as is: it must need no escaping.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: "\":".utf8)
        atStart = true
    }

    mutating func string(_ text: String) {
        separate()
        OperatorJSON.write(string: text, to: &bytes)
    }

    mutating func int(_ number: Int) {
        separate()
        OperatorJSON.write(integer: number, to: &bytes)
    }

    mutating func double(_ number: Double) {
        separate()
        OperatorJSON.write(double: number, to: &bytes)
    }

    mutating func bool(_ flag: Bool) {
        separate()
        bytes.append(contentsOf: flag ? "true".utf8 : "false".utf8)
    }

    /// A tree, as ``OperatorJSON/write(to:)`` writes it.
    mutating func value(_ json: OperatorJSON) {
        separate()
        json.write(to: &bytes)
    }

    /// Values another writer wrote at the top level (comma-separated), as members of the array
    /// under way here; nothing when `elements` is empty.
    mutating func elements(_ elements: [UInt8]) {
        guard !elements.isEmpty else { return }
        separate()
        bytes.append(contentsOf: elements)
    }

    /// An array of strings.
    mutating func strings(_ list: some Sequence<String>) {
        beginArray()
        for text in list { string(text) }
        endArray()
    }

    mutating func member(_ name: StaticString, _ text: String) {
        key(name)
        string(text)
    }

    mutating func member(_ name: StaticString, _ number: Int) {
        key(name)
        int(number)
    }

    mutating func member(_ name: StaticString, _ number: Double) {
        key(name)
        double(number)
    }

    mutating func member(_ name: StaticString, _ flag: Bool) {
        key(name)
        bool(flag)
    }

    mutating func member(_ name: StaticString, _ json: OperatorJSON) {
        key(name)
        value(json)
    }
}
