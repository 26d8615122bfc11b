import Foundation
import MesosAgent
import Testing

struct ExecutableLookupTests {
    @Test func findsTheFirstExecutableFileInThePathInProcess() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lookup-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for directory in ["plain", "folder/tool", "bin", "later"] {
            try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        // Not executable, a directory, then the executable one; a later one is not reached.
        #expect(FileManager.default.createFile(atPath: root + "/plain/tool", contents: Data("x".utf8),
                                               attributes: [.posixPermissions: 0o644]))
        for directory in ["bin", "later"] {
            #expect(FileManager.default.createFile(atPath: root + "/\(directory)/tool", contents: Data("#!/bin/sh\n".utf8),
                                                   attributes: [.posixPermissions: 0o755]))
        }
        let searchPath = ["", root + "/missing", root + "/plain", root + "/folder", root + "/bin", root + "/later"]
            .joined(separator: ":")
        #expect(ExecutableLookup.path(for: "tool", searchPath: searchPath) == root + "/bin/tool")
        #expect(ExecutableLookup.path(for: "absent", searchPath: searchPath) == "absent")
        #expect(ExecutableLookup.path(for: "./tool", searchPath: searchPath) == "./tool")
        #expect(ExecutableLookup.path(for: "tool", searchPath: nil) == "tool")
    }
}
