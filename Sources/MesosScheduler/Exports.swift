// Framework code needs the wire types (TaskInfo, Offer, ...) with the SDK: one import gives both.
// Re-exporting also makes this module's `Scheduler` protocol shadow MesosModel's `Scheduler`
// namespace for importers; the wire messages stay reachable as `MesosModel.Scheduler.Call`.
@_exported import MesosModel
