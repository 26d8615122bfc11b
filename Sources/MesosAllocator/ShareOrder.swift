/// Clients (frameworks of a role, or roles) kept sorted by ``ShareKey``.
///
/// Positions are found by binary search on the keys; an allocation moves one
/// client with a single `memmove`-like shift, so keeping the order costs
/// O(log n) comparisons per change instead of a full sort per agent.
struct ShareOrder: Sendable {
    private(set) var items: [Int32] = []

    var count: Int { items.count }
    var isEmpty: Bool { items.isEmpty }

    /// The index at which `key` belongs (first item not preceding it).
    @inline(__always)
    func insertionIndex(of key: ShareKey, keys: [ShareKey]) -> Int {
        var low = 0
        var high = items.count
        while low < high {
            let mid = (low + high) &>> 1
            if ShareKey.precedes(keys[Int(items[mid])], key) {
                low = mid + 1
            } else {
                high = mid
            }
        }
        return low
    }

    /// The current index of `id`, whose key in `keys` is the one it is sorted by.
    func index(of id: Int32, keys: [ShareKey]) -> Int? {
        let index = insertionIndex(of: keys[Int(id)], keys: keys)
        return index < items.count && items[index] == id ? index : nil
    }

    mutating func insert(_ id: Int32, keys: [ShareKey]) {
        items.insert(id, at: insertionIndex(of: keys[Int(id)], keys: keys))
    }

    /// Removes `id`, located by its current key; no-op when absent.
    mutating func remove(_ id: Int32, keys: [ShareKey]) {
        if let index = index(of: id, keys: keys) {
            items.remove(at: index)
        } else if let index = items.firstIndex(of: id) {
            items.remove(at: index)
        }
    }

    mutating func remove(at index: Int) {
        items.remove(at: index)
    }

    /// Re-sorts everything (after all keys changed, e.g. the cluster total did).
    mutating func sort(keys: [ShareKey]) {
        items.sort { ShareKey.precedes(keys[Int($0)], keys[Int($1)]) }
    }

    /// Moves the item at `index` to where its (changed) key now belongs.
    /// Returns its new index.
    @discardableResult
    mutating func reposition(at index: Int, keys: [ShareKey]) -> Int {
        let id = items[index]
        let key = keys[Int(id)]
        // Fast exits: already in place.
        let fitsLeft = index == 0 || ShareKey.precedes(keys[Int(items[index - 1])], key)
        let fitsRight = index == items.count - 1 || ShareKey.precedes(key, keys[Int(items[index + 1])])
        if fitsLeft && fitsRight { return index }
        return items.withUnsafeMutableBufferPointer { buffer in
            if !fitsRight {
                // Find the first position after `index` whose key does not precede `key`.
                var low = index + 1
                var high = buffer.count
                while low < high {
                    let mid = (low + high) &>> 1
                    if ShareKey.precedes(keys[Int(buffer[mid])], key) { low = mid + 1 } else { high = mid }
                }
                let target = low - 1
                var i = index
                while i < target {
                    buffer[i] = buffer[i + 1]
                    i += 1
                }
                buffer[target] = id
                return target
            } else {
                var low = 0
                var high = index
                while low < high {
                    let mid = (low + high) &>> 1
                    if ShareKey.precedes(keys[Int(buffer[mid])], key) { low = mid + 1 } else { high = mid }
                }
                let target = low
                var i = index
                while i > target {
                    buffer[i] = buffer[i - 1]
                    i -= 1
                }
                buffer[target] = id
                return target
            }
        }
    }
}
