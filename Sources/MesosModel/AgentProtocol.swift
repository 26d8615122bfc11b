/// Namespace for the swift-mesos master–agent protocol (Docs/agent-protocol.md):
/// ``Call`` (agent to master, POSTed to `/api/v1/agent`) and ``Event`` (master to
/// agent, on the agent's RecordIO subscription stream).
public enum AgentProtocol {}
