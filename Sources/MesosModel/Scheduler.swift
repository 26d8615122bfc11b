/// Namespace for the v1 scheduler API messages (`mesos.v1.scheduler`):
/// ``Call`` (scheduler to master) and ``Event`` (master to scheduler).
public enum Scheduler {}
