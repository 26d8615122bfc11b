/// Namespace for the v1 executor API messages (`mesos.v1.executor`):
/// ``Call`` (executor to agent) and ``Event`` (agent to executor).
public enum Executor {}
