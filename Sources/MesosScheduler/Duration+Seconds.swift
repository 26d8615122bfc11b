extension Duration {
    /// The duration in seconds, for log messages.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
