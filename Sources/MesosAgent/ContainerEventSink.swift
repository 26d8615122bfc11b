import MesosAgentCore

/// Where containerizers report what happened to containers (the agent runtime).
public typealias ContainerEventSink = @Sendable (AgentEvent) async -> Void
