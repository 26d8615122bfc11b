import Foundation  // Data for JSON input
import MesosModel

extension Resources {
    /// Parses an agent's `--resources` value (Mesos's `Resources::parse`):
    /// either `name(role):value` pairs separated by `;`, as in
    /// `cpus:4;mem:8192;ports:[31000-32000];disk(ops):100;zones:{a,b}`, or,
    /// when the text starts with `[`, a JSON array of `Resource` objects.
    ///
    /// Resources without a role get `defaultRole` (a non-`*` role becomes a
    /// `STATIC` reservation). Every resource is validated, and — as for any
    /// command-line resources — persistent volumes, revocable resources,
    /// dynamic reservations and one name with two types are rejected.
    ///
    /// - Throws: `ResourceParseError` quoting the offending part.
    public static func parse(_ text: String, defaultRole: String = RoleName.any) throws(ResourceParseError)
        -> Resources
    {
        let list = try parseList(text, defaultRole: defaultRole)
        var result = Resources()
        var types: [String: ValueType] = [:]
        for resource in list {
            if let error = validate(resource) {
                throw ResourceParseError("Resource '\(resource.textForm)' is invalid: \(error.message)")
            }
            if resource.isPersistentVolume {
                throw ResourceParseError("Persistent volumes cannot be specified at the command line")
            }
            if resource.isRevocable {
                throw ResourceParseError(
                    "Revocable resources cannot be specified at the command line; do not include a 'revocable' key "
                        + "in the resources JSON")
            }
            if resource.isDynamicallyReserved {
                throw ResourceParseError(
                    "Dynamic reservations cannot be specified at the command line; do not include a reservation "
                        + "with DYNAMIC type in the resources JSON")
            }
            if let known = types[resource.name], known != resource.type {
                throw ResourceParseError(
                    "Resources with the same name ('\(resource.name)') but different types are not allowed")
            }
            types[resource.name] = resource.type
            result.add(resource)
        }
        return result
    }

    /// Reads resources from text like ``parse(_:defaultRole:)`` but without
    /// validating them or merging them (Mesos's `Resources::fromString`).
    ///
    /// - Throws: `ResourceParseError` quoting the offending part.
    public static func parseList(_ text: String, defaultRole: String = RoleName.any) throws(ResourceParseError)
        -> [Resource]
    {
        guard text.utf8.count <= ResourceLimits.maximumTextLength else {
            throw ResourceParseError("Resources text is longer than \(ResourceLimits.maximumTextLength) bytes")
        }
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.first == "[" {
            return try parseJSON(String(trimmed), defaultRole: defaultRole)
        }
        return try parseSimple(text, defaultRole: defaultRole)
    }

    private static func parseJSON(_ text: String, defaultRole: String) throws(ResourceParseError) -> [Resource] {
        let decoded: [Resource]
        do {
            decoded = try MesosJSON.decode([Resource].self, from: Data(text.utf8))
        } catch {
            throw ResourceParseError("Some JSON resources were not formatted properly: \(error)")
        }
        return decoded.map { resource in
            var resource = resource
            if resource.role == nil && resource.reservations.isEmpty {
                resource.role = defaultRole
            }
            return resource.upgraded()
        }
    }

    private static func parseSimple(_ text: String, defaultRole: String) throws(ResourceParseError) -> [Resource] {
        var resources: [Resource] = []
        for token in ValueText.tokenize(text, separators: ";") {
            let trimmedToken = token.trimmingSpaces
            // `{}` is how empty resources print.
            if trimmedToken.isEmpty || trimmedToken == "{}" { continue }
            let pair = ValueText.tokenize(token, separators: ":")
            guard pair.count == 2 else {
                throw ResourceParseError("Bad value for resources, missing or extra ':' in \(trimmedToken)")
            }
            let (name, role) = try nameAndRole(pair[0], defaultRole: defaultRole, token: trimmedToken)
            resources.append(try resource(named: name, value: pair[1], role: role))
        }
        return resources
    }

    /// `cpus(eng)` → (`cpus`, `eng`); `cpus` → (`cpus`, `defaultRole`).
    private static func nameAndRole(_ text: String, defaultRole: String, token: String) throws(ResourceParseError)
        -> (String, String)
    {
        guard let open = text.firstIndex(of: "(") else {
            return (text.trimmingSpaces, defaultRole)
        }
        guard let close = text.firstIndex(of: ")"), close > open else {
            throw ResourceParseError("Bad value for resources, mismatched parentheses in \(token)")
        }
        guard text[text.index(after: close)...].allSatisfy({ $0 == " " }) else {
            throw ResourceParseError("Bad value for resources, unexpected text after ')' in \(token)")
        }
        let name = String(text[..<open]).trimmingSpaces
        let role = String(text[text.index(after: open)..<close]).trimmingSpaces
        return (name, role)
    }

    /// Mesos's `Resources::parse(name, value, role)`.
    private static func resource(named name: String, value: String, role: String) throws(ResourceParseError)
        -> Resource
    {
        let parsed: ValueText
        switch ValueText.parse(value) {
        case .success(let value): parsed = value
        case .failure(let error):
            throw ResourceParseError("Failed to parse resource \(name) value \(value) error \(error.message)")
        }
        var resource: Resource
        switch parsed {
        case .scalar(let number): resource = Resource(name: name, type: .scalar, scalar: Value.Scalar(value: number))
        case .ranges(let ranges): resource = Resource(name: name, type: .ranges, ranges: Value.Ranges(range: ranges))
        case .set(let items): resource = Resource(name: name, type: .set, set: Value.Set(item: items))
        case .text:
            throw ResourceParseError("Bad type for resource \(name) value \(value) type TEXT")
        }
        if role != RoleName.any {
            resource.reservations = [ReservationInfo(type: .static, role: role)]
        }
        return resource
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
