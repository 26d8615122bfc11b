/// Mesos's `--min_allocatable_resources`: offers smaller than every alternative are
/// not made. A list of alternatives, any one of which suffices; each alternative
/// is a set of minimum quantities (scalar value, number of range values, or number
/// of set items) by resource name. No alternatives means no minimum.
public struct MinimumAllocatable: Sendable, Hashable {
    /// The alternatives: resource name to minimum quantity.
    public var alternatives: [[String: Double]]

    /// Creates a minimum from alternatives.
    public init(_ alternatives: [[String: Double]]) {
        self.alternatives = alternatives
    }

    /// Mesos's default, `cpus:0.01|mem:32`.
    public static let mesosDefault = MinimumAllocatable([["cpus": 0.01], ["mem": 32]])

    /// No minimum: any non-empty offer is allowed.
    public static let none = MinimumAllocatable([])

    /// Parses Mesos's flag syntax: alternatives separated by `|`, each a `;`-separated
    /// list of `name:quantity`, e.g. `cpus:0.01|mem:32` or `cpus:1;mem:128|gpus:1`.
    public static func parse(_ text: String) throws(AllocatorError) -> MinimumAllocatable {
        var alternatives: [[String: Double]] = []
        for alternative in text.split(separator: "|", omittingEmptySubsequences: false) {
            var quantities: [String: Double] = [:]
            for pair in alternative.split(separator: ";", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let name = parts.first.map { String($0).trimmingSpaces() } ?? ""
                guard parts.count == 2, !name.isEmpty, let value = Double(String(parts[1]).trimmingSpaces()) else {
                    throw AllocatorError(
                        .invalidResources,
                        "Cannot parse '\(pair)' in minimum allocatable resources '\(text)'; write name:quantity pairs such as 'cpus:0.01|mem:32'"
                    )
                }
                guard value.isFinite, value >= 0, value <= FixedPoint.maximumValue else {
                    throw AllocatorError(
                        .invalidResources,
                        "Minimum allocatable quantity of '\(name)' must be a finite non-negative number, got \(value)"
                    )
                }
                quantities[name, default: 0] += value
            }
            if quantities.isEmpty {
                throw AllocatorError(
                    .invalidResources,
                    "Minimum allocatable resources '\(text)' has an empty alternative; remove the stray '|'"
                )
            }
            alternatives.append(quantities)
        }
        return MinimumAllocatable(alternatives)
    }
}
