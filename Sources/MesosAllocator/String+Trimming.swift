extension String {
    /// The string without leading and trailing spaces (flag values such as `cpus: 1`).
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first == " " { view.removeFirst() }
        while view.last == " " { view.removeLast() }
        return String(view)
    }
}
