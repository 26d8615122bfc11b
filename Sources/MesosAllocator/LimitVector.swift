/// Limits as remaining room per name: `Int64.max` (or past the end) means unlimited.
struct LimitVector: Sendable {
    var millis: [Int64]

    subscript(name: Int) -> Int64 {
        name < millis.count ? millis[name] : .max
    }
}
