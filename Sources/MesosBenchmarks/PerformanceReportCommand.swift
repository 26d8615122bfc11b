import ArgumentParser
import Foundation

/// `swift-mesos-bench report`: rewrites the generated section of Docs/performance.md from the
/// JSON files in a results directory.
struct PerformanceReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rewrite the generated section of Docs/performance.md from bench-results/*.json.")

    @Option(help: "Directory of the benchmarks' JSON files.") var input = "bench-results"
    @Option(help: "The Markdown document to update.") var document = "Docs/performance.md"

    func run() throws {
        let directory = URL(fileURLWithPath: input)
        guard let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil) else {
            throw ValidationError("--input: cannot read the directory '\(input)'")
        }
        var results: [String: [String: Any]] = [:]
        for file in files where file.pathExtension == "json" {
            guard let data = try? Data(contentsOf: file),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else {
                print("report: skipping \(file.lastPathComponent): not a JSON object")
                continue
            }
            // Named by the file (`make bench` runs `scale` twice: scale.json and scale-50k.json).
            results[file.deletingPathExtension().lastPathComponent] = object
        }
        guard !results.isEmpty else { throw ValidationError("--input: no benchmark results (*.json) in '\(input)'") }
        let existing = (try? String(contentsOfFile: document, encoding: .utf8)) ?? "# Performance\n"
        let updated = PerformanceReport.splice(PerformanceReport(results: results).markdown(), into: existing)
        try updated.write(toFile: document, atomically: true, encoding: .utf8)
        print("report: wrote \(results.keys.sorted().joined(separator: ", ")) into \(document)")
    }
}
