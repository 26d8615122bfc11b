/// Dominant shares over time, one series per framework: what the demo plots.
public struct ShareHistory: Hashable, Sendable {
    /// One framework's shares over time.
    public struct Series: Hashable, Sendable {
        /// The framework's name.
        public var name: String
        /// (seconds since the start, dominant share) in time order.
        public var points: [(seconds: Double, share: Double)] {
            zip(times, shares).map { ($0, $1) }
        }
        var times: [Double] = []
        var shares: [Double] = []

        /// An empty series.
        public init(name: String) {
            self.name = name
        }
    }

    /// The series, in the order their frameworks first appeared.
    public private(set) var series: [Series] = []

    /// An empty history.
    public init() {}

    /// Adds a sample for `name` at `seconds`.
    public mutating func record(_ name: String, seconds: Double, share: Double) {
        if let index = series.firstIndex(where: { $0.name == name }) {
            series[index].times.append(seconds)
            series[index].shares.append(share)
        } else {
            var new = Series(name: name)
            new.times = [seconds]
            new.shares = [share]
            series.append(new)
        }
    }

    /// The latest sample time (0 when empty).
    public var duration: Double { series.compactMap(\.times.last).max() ?? 0 }
}
