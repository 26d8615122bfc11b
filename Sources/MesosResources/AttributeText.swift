import MesosModel

extension Attribute {
    /// Parses an agent's `--attributes` value (Mesos's `Attributes::parse`):
    /// `name:value` pairs separated by `;`, as in `rack:r1;gen:3;zone:[1-3];tags:{a,b}`.
    /// A number becomes `SCALAR`, `[..]` `RANGES`, `{..}` `SET`, anything else `TEXT`
    /// (spaces are dropped from values, as in Mesos).
    ///
    /// - Throws: `ResourceParseError` quoting the offending pair.
    public static func parseList(_ text: String) throws(ResourceParseError) -> [Attribute] {
        guard text.utf8.count <= ResourceLimits.maximumTextLength else {
            throw ResourceParseError("Attributes text is longer than \(ResourceLimits.maximumTextLength) bytes")
        }
        var attributes: [Attribute] = []
        for token in ValueText.tokenize(text, separators: ";\n") {
            if token.trimmingSpaces.isEmpty { continue }
            guard let colon = token.firstIndex(of: ":") else {
                throw ResourceParseError("Invalid attribute key:value pair '\(token)'")
            }
            let name = String(token[..<colon]).trimmingSpaces
            let value = String(token[token.index(after: colon)...])
            guard !name.isEmpty, !value.trimmingSpaces.isEmpty else {
                throw ResourceParseError("Invalid attribute key:value pair '\(token)'")
            }
            guard name.utf8.count <= ResourceLimits.maximumNameLength else {
                throw ResourceParseError(
                    "Invalid attribute '\(name.prefix(32))...': names are at most \(ResourceLimits.maximumNameLength) bytes")
            }
            switch ValueText.parse(value) {
            case .failure(let error):
                throw ResourceParseError("Failed to parse attribute \(name) text \(value) error \(error.message)")
            case .success(.scalar(let number)):
                attributes.append(.scalar(name: name, value: number))
            case .success(.ranges(let ranges)):
                attributes.append(Attribute(name: name, type: .ranges, ranges: Value.Ranges(range: ranges)))
            case .success(.set(let items)):
                attributes.append(Attribute(name: name, type: .set, set: Value.Set(item: items)))
            case .success(.text(let text)):
                attributes.append(.text(name: name, value: text))
            }
        }
        return attributes
    }

    /// The attribute as `name:value` (`rack:r1`, `gen:3`, `zone:[1-3]`,
    /// `tags:{a, b}`), the form ``parseList(_:)`` reads.
    public var textForm: String {
        let value: String
        switch type {
        case .scalar:
            let number = scalar?.value ?? 0
            value = number.isFinite ? FixedPoint.text(ofMillis: FixedPoint.millis(from: number)) : "\(number)"
        case .ranges: value = Resource.rangesText(ranges?.range ?? [])
        case .set: value = "{" + (set?.item ?? []).joined(separator: ", ") + "}"
        case .text: value = text?.value ?? ""
        }
        return "\(name):\(value)"
    }

    /// Attributes as an agent's `--attributes` value: `rack:r1;gen:3`.
    public static func textForm(of attributes: [Attribute]) -> String {
        attributes.map(\.textForm).joined(separator: ";")
    }
}
