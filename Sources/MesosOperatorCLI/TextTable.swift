/// A plain-text table: a header row and rows, columns padded to their widest cell and separated
/// by two spaces; numeric columns are right-aligned.
public struct TextTable: Sendable, Equatable {
    /// How a column is aligned.
    public enum Alignment: Sendable, Equatable {
        case left, right
    }

    /// A column: its header and alignment.
    public struct Column: Sendable, Equatable {
        /// The header text.
        public var header: String
        /// Its alignment.
        public var alignment: Alignment

        /// A column called `header`.
        public init(_ header: String, _ alignment: Alignment = .left) {
            self.header = header
            self.alignment = alignment
        }
    }

    /// The columns.
    public var columns: [Column]
    /// The rows, one cell per column.
    public var rows: [[String]]

    /// A table with `columns` and `rows`.
    public init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// The table as lines of text (no trailing spaces), ending with a newline.
    public func render() -> String {
        var widths = columns.map { $0.header.count }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, column) in columns.enumerated() {
                let cell = index < cells.count ? cells[index] : ""
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                parts.append(column.alignment == .right ? padding + cell : cell + padding)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return ([line(columns.map(\.header))] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
