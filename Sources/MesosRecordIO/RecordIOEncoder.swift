/// Encodes payloads as Mesos RecordIO records: `<decimal byte length>\n<payload>`.
public enum RecordIOEncoder {
    /// Returns `payload` framed as one RecordIO record.
    ///
    /// - Throws: ``RecordIOError/emptyRecord`` when `payload` is empty (decoders refuse length 0).
    public static func encode(_ payload: some Collection<UInt8>) throws(RecordIOError) -> [UInt8] {
        var record: [UInt8] = []
        try encode(payload, into: &record)
        return record
    }

    /// Appends `payload` framed as one RecordIO record to `buffer`.
    ///
    /// - Throws: ``RecordIOError/emptyRecord`` when `payload` is empty; `buffer` is then unchanged.
    public static func encode(_ payload: some Collection<UInt8>, into buffer: inout [UInt8]) throws(RecordIOError) {
        guard !payload.isEmpty else { throw .emptyRecord }
        let prefix = String(payload.count).utf8
        buffer.reserveCapacity(buffer.count + prefix.count + 1 + payload.count)
        buffer.append(contentsOf: prefix)
        buffer.append(UInt8(ascii: "\n"))
        buffer.append(contentsOf: payload)
    }
}
