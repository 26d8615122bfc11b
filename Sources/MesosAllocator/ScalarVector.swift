/// Quantities per resource name (catalog name index), in thousandths: Mesos's
/// `ResourceQuantities` as a dense array. Shorter vectors read as zero past their end.
struct ScalarVector: Hashable, Sendable {
    private(set) var millis: [Int64]

    static let zero = ScalarVector()

    init() {
        millis = []
    }

    init(millis: [Int64]) {
        self.millis = millis
    }

    var count: Int { millis.count }

    subscript(name: Int) -> Int64 {
        get { name < millis.count ? millis[name] : 0 }
        set {
            if name >= millis.count {
                if newValue == 0 { return }
                millis.append(contentsOf: repeatElement(0, count: name + 1 - millis.count))
            }
            millis[name] = newValue
        }
    }

    /// All components are zero (an empty `ResourceQuantities`).
    var isZero: Bool { millis.allSatisfy { $0 == 0 } }

    @inline(__always)
    mutating func add(_ name: Int, _ amount: Int64) {
        if name >= millis.count {
            millis.append(contentsOf: repeatElement(0, count: name + 1 - millis.count))
        }
        millis[name] &+= amount
    }

    mutating func add(_ other: ScalarVector) {
        if other.millis.count > millis.count {
            millis.append(contentsOf: repeatElement(0, count: other.millis.count - millis.count))
        }
        for index in other.millis.indices {
            millis[index] &+= other.millis[index]
        }
    }

    /// Component-wise subtraction floored at zero (Mesos's `ResourceQuantities::operator-`).
    mutating func subtract(_ other: ScalarVector) {
        let n = min(millis.count, other.millis.count)
        for index in 0..<n {
            let value = millis[index] - other.millis[index]
            millis[index] = value > 0 ? value : 0
        }
    }

    func subtracting(_ other: ScalarVector) -> ScalarVector {
        var copy = self
        copy.subtract(other)
        return copy
    }

    func adding(_ other: ScalarVector) -> ScalarVector {
        var copy = self
        copy.add(other)
        return copy
    }

    /// Every component of `self` is at least the corresponding one of `other`.
    func contains(_ other: ScalarVector) -> Bool {
        for index in other.millis.indices where other.millis[index] > self[index] {
            return false
        }
        return true
    }
}
