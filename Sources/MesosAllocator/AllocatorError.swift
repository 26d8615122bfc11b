/// Why the allocator refused an event. The message says what to fix.
public struct AllocatorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem.
    public enum Code: String, Sendable, Hashable {
        /// The agent is not known to the allocator.
        case unknownAgent
        /// The framework is not known to the allocator.
        case unknownFramework
        /// An agent with this ID was already added.
        case duplicateAgent
        /// A framework with this ID was already added.
        case duplicateFramework
        /// A resource is malformed (bad value, wrong type, negative or infinite scalar...).
        case invalidResources
        /// Resources given back, or converted, are not all held by the framework on the agent.
        case resourcesNotAllocated
        /// Resources carry no usable allocation role.
        case ambiguousRole
        /// A role weight is not a positive finite number.
        case invalidWeight
        /// A quota is malformed or set on a role where it is not supported.
        case invalidQuota
        /// A declared demand is malformed.
        case invalidDemand
    }

    /// The kind of problem.
    public var code: Code
    /// A human-readable explanation that tells the caller what to do.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
