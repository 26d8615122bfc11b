/// A pseudo-terminal attached to the container's entrypoint (`TTYInfo`).
public struct TTYInfo: Codable, Sendable, Hashable {
    /// The terminal size.
    public struct WindowSize: Codable, Sendable, Hashable {
        /// Rows.
        public var rows: UInt32
        /// Columns.
        public var columns: UInt32

        /// Creates a window size.
        public init(rows: UInt32, columns: UInt32) {
            self.rows = rows
            self.columns = columns
        }

        private enum CodingKeys: String, CodingKey {
            case rows
            case columns
        }
    }

    /// The terminal size.
    public var windowSize: WindowSize?

    /// Creates TTY settings.
    public init(windowSize: WindowSize? = nil) {
        self.windowSize = windowSize
    }

    private enum CodingKeys: String, CodingKey {
        case windowSize = "window_size"
    }
}
