#if canImport(Glibc)
    import Glibc
#endif

/// The process's peak resident set size (`VmHWM` in `/proc/self/status`), in MiB;
/// nil where `/proc` is not available.
func peakResidentMiB() -> Double? {
    #if canImport(Glibc)
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 512)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix("VmHWM:") else { continue }
            let digits = text.dropFirst(6).filter { $0.isNumber }
            return Double(String(digits)).map { $0 / 1024 }
        }
        return nil
    #else
        return nil
    #endif
}
