/// The end of a text, for `swift-mesos tail`.
public enum TailText {
    /// The last `count` lines of `text` (a final newline does not start an empty line), keeping
    /// their line ends.
    public static func lastLines(_ text: Substring, count: Int) -> Substring {
        guard count > 0 else { return text[text.endIndex...] }
        var index = text.endIndex
        if index > text.startIndex, text[text.index(before: index)] == "\n" {
            index = text.index(before: index)
        }
        var found = 0
        while index > text.startIndex {
            let previous = text.index(before: index)
            if text[previous] == "\n" {
                found += 1
                if found == count { return text[index...] }
            }
            index = previous
        }
        return text
    }

    /// Whether `text`, read from some offset to the end of a file, surely holds the last `count`
    /// lines (it has more line breaks than that, not counting a final one).
    public static func holdsLastLines(_ text: Substring, count: Int) -> Bool {
        var breaks = text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        if text.last == "\n" { breaks -= 1 }
        return breaks >= count
    }
}
