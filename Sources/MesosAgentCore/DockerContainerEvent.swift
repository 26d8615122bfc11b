import Foundation

/// One line of `docker events --format '{{json .}}'` about a container, reduced to what the
/// agent's exit watcher needs.
public struct DockerContainerEvent: Sendable, Hashable {
    /// What happened to the container.
    public enum Action: Sendable, Hashable {
        /// Its main process ended; docker's `exitCode` attribute when it carried one.
        case died(exitCode: Int32?)
        /// The container was removed.
        case destroyed
    }

    /// The container's name (without docker's leading `/`).
    public var name: String
    /// What happened.
    public var action: Action
    /// When it happened (seconds since 1970, from `timeNano`, else `time`), if the line said.
    public var time: Double?

    /// Creates an event.
    public init(name: String, action: Action, time: Double? = nil) {
        self.name = name
        self.action = action
        self.time = time
    }

    /// Parses one line of `docker events --format '{{json .}}'`; nil for lines that are not a
    /// container's `die` or `destroy` event with a name (other events, blank or garbled lines).
    public static func parse(line: some StringProtocol) -> DockerContainerEvent? {
        let data = Data(line.utf8)
        guard !data.isEmpty, let wire = try? JSONDecoder().decode(Wire.self, from: data),
              (wire.type ?? "container") == "container",
              let name = wire.actor?.attributes?["name"].map(Self.strippingSlash), !name.isEmpty
        else { return nil }
        let action: Action
        switch wire.action ?? wire.status {
        case "die": action = .died(exitCode: wire.actor?.attributes?["exitCode"].flatMap { Int32($0) })
        case "destroy": action = .destroyed
        default: return nil
        }
        let time = wire.timeNano.map { Double($0) / 1e9 } ?? wire.time.map(Double.init)
        return DockerContainerEvent(name: name, action: action, time: time)
    }

    private static func strippingSlash(_ name: String) -> String {
        name.hasPrefix("/") ? String(name.dropFirst()) : name
    }

    /// The fields of docker's event JSON that matter here.
    private struct Wire: Decodable {
        struct Actor: Decodable {
            var attributes: [String: String]?
            enum CodingKeys: String, CodingKey { case attributes = "Attributes" }
        }

        var type: String?
        var action: String?
        var status: String?
        var actor: Actor?
        var time: Int64?
        var timeNano: Int64?

        enum CodingKeys: String, CodingKey {
            case type = "Type", action = "Action", status, actor = "Actor", time, timeNano
        }
    }
}
