import ArgumentParser

/// A flag value with a Mesos text form (`10secs`, `512MB`): parsed from and printed to that form,
/// and Codable, LosslessStringConvertible and ExpressibleByArgument through it.
public protocol MesosTextValue: Codable, LosslessStringConvertible, ExpressibleByArgument {
    /// Parses the text form; the error says what was expected.
    init(parsing text: String) throws(FlagValueError)
}

extension MesosTextValue {
    public init?(_ description: String) {
        guard let parsed = try? Self(parsing: description) else { return nil }
        self = parsed
    }

    /// Parses a command-line value (see ``init(parsing:)``).
    public init?(argument: String) {
        self.init(argument)
    }

    /// Encodes as the text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes from the text form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Self(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }
}
