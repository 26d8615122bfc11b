import MesosModel

/// A value written as text, as Mesos's `values::parse` reads it:
/// `4`, `[1-2,5-9]`, `{a,b}`, or anything else as text.
enum ValueText {
    case scalar(Double)
    case ranges([Value.Range])
    case set([String])
    case text(String)

    /// Parses a value; spaces are ignored (Mesos removes them all).
    ///
    /// - Returns: the value, or Mesos's description of what is wrong.
    static func parse(_ text: String) -> Result<ValueText, ResourceParseError> {
        let compact = String(text.filter { $0 != " " })
        if compact.isEmpty { return .failure(ResourceParseError("Expecting non-empty string")) }
        guard bracketsMatch(compact, "{", "}"), bracketsMatch(compact, "[", "]"), bracketsMatch(compact, "(", ")")
        else { return .failure(ResourceParseError("Mismatched brackets")) }

        if let bracket = compact.firstIndex(of: "[") {
            guard bracket == compact.startIndex else { return .failure(ResourceParseError("Unexpected '[' found")) }
            return parseRanges(compact)
        }
        if let brace = compact.firstIndex(of: "{") {
            guard brace == compact.startIndex else { return .failure(ResourceParseError("Unexpected '{' found")) }
            let items = tokenize(compact, separators: "{},\n")
            guard items.count <= ResourceLimits.maximumSetItems else {
                return .failure(ResourceParseError("Expecting at most \(ResourceLimits.maximumSetItems) items"))
            }
            return .success(.set(items))
        }
        if let number = scalar(compact) {
            return .success(.scalar(number))
        }
        return .success(.text(compact))
    }

    private static func parseRanges(_ compact: String) -> Result<ValueText, ResourceParseError> {
        let tokens = tokenize(compact, separators: "[]-,\n")
        guard tokens.count % 2 == 0 else {
            return .failure(ResourceParseError("Expecting one or more \"ranges\""))
        }
        guard tokens.count / 2 <= ResourceLimits.maximumRanges else {
            return .failure(ResourceParseError("Expecting at most \(ResourceLimits.maximumRanges) ranges"))
        }
        var ranges: [Value.Range] = []
        ranges.reserveCapacity(tokens.count / 2)
        var index = 0
        while index < tokens.count {
            guard let begin = UInt64(tokens[index]) else {
                return .failure(ResourceParseError("Expecting non-negative integers in '\(tokens[index])'"))
            }
            guard let end = UInt64(tokens[index + 1]) else {
                return .failure(ResourceParseError("Expecting non-negative integers in '\(tokens[index + 1])'"))
            }
            ranges.append(Value.Range(begin: begin, end: end))
            index += 2
        }
        // Coalesce like Mesos, unless a range is inverted: validation reports that.
        if ranges.allSatisfy({ $0.begin <= $0.end }) {
            ranges = RangeArithmetic.coalesced(ranges)
        }
        return .success(.ranges(ranges))
    }

    /// A decimal number (`4`, `0.5`, `-1`, `1e3`), or `nil`; hex, `inf` and
    /// `nan` are not numbers here.
    static func scalar(_ text: String) -> Double? {
        guard text.unicodeScalars.allSatisfy({ "0123456789.eE+-".unicodeScalars.contains($0) }),
            let value = Double(text), value.isFinite
        else { return nil }
        return value
    }

    /// Whether `open` and `close` nest properly in `text`.
    private static func bracketsMatch(_ text: String, _ open: Character, _ close: Character) -> Bool {
        var depth = 0
        for character in text {
            if character == open { depth += 1 }
            if character == close {
                depth -= 1
                if depth < 0 { return false }
            }
        }
        return depth == 0
    }

    /// `text` split at any of `separators`, without empty tokens (stout's `tokenize`).
    static func tokenize(_ text: some StringProtocol, separators: String) -> [String] {
        text.split(omittingEmptySubsequences: true, whereSeparator: { separators.contains($0) }).map { String($0) }
    }
}
