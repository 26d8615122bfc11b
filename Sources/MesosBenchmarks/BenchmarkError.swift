/// A benchmark could not run (a daemon did not start, a call was refused, ...).
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
