import Foundation
import MesosModel

/// Mesos's stateless validation of a scheduler call (`validation::scheduler::call`):
/// the reason a call is malformed, answered with 400
/// `Failed to validate scheduler::Call: <reason>`.
public enum SchedulerCallValidation {
    /// Offer ids, operations, tasks and reconciliation entries per call are bounded.
    public static let maximumListLength = 100_000

    /// Why `call` is invalid, or nil.
    public static func problem(_ call: Scheduler.Call) -> String? {
        guard let type = call.type, type != .unknown else { return "Expecting 'type' to be present" }
        if type == .subscribe {
            guard let subscribe = call.subscribe else { return "Expecting 'subscribe' to be present" }
            if let id = call.frameworkID, id != subscribe.frameworkInfo.id {
                return "'framework_id' differs from 'subscribe.framework_info.id'"
            }
            return nil
        }
        guard call.frameworkID != nil else { return "Expecting 'framework_id' to be present" }
        switch type {
        case .accept:
            guard let accept = call.accept else { return "Expecting 'accept' to be present" }
            if accept.offerIDs.count > maximumListLength || accept.operations.count > maximumListLength {
                return "Too many offers or operations"
            }
            // Only LAUNCH and LAUNCH_GROUP are carried out; an unsupported operation with an `id`
            // gets an OPERATION_ERROR status, one without an id (no status possible) is refused here.
            if let unsupported = accept.operations.first(where: {
                $0.type != .launch && $0.type != .launchGroup && $0.id == nil
            }) {
                return "Offer operation \(unsupported.type?.rawValue ?? "UNKNOWN") is not supported by swift-mesos yet (only LAUNCH and LAUNCH_GROUP are)"
            }
        case .decline:
            guard let decline = call.decline else { return "Expecting 'decline' to be present" }
            if decline.offerIDs.count > maximumListLength { return "Too many offers" }
        case .acceptInverseOffers:
            if call.acceptInverseOffers == nil { return "Expecting 'accept_inverse_offers' to be present" }
        case .declineInverseOffers:
            if call.declineInverseOffers == nil { return "Expecting 'decline_inverse_offers' to be present" }
        case .kill:
            if call.kill == nil { return "Expecting 'kill' to be present" }
        case .shutdown:
            if call.shutdown == nil { return "Expecting 'shutdown' to be present" }
        case .acknowledge:
            guard let acknowledge = call.acknowledge else { return "Expecting 'acknowledge' to be present" }
            if acknowledge.uuid.count != 16 { return "Not a valid UUID" }
        case .acknowledgeOperationStatus:
            guard let acknowledge = call.acknowledgeOperationStatus else {
                return "Expecting 'acknowledge_operation_status' to be present"
            }
            if acknowledge.uuid.count != 16 { return "Not a valid UUID" }
        case .reconcile:
            guard let reconcile = call.reconcile else { return "Expecting 'reconcile' to be present" }
            if reconcile.tasks.count > maximumListLength { return "Too many tasks to reconcile" }
        case .reconcileOperations:
            if call.reconcileOperations == nil { return "Expecting 'reconcile_operations' to be present" }
        case .message:
            if call.message == nil { return "Expecting 'message' to be present" }
        case .request:
            if call.request == nil { return "Expecting 'request' to be present" }
        case .updateFramework:
            guard let update = call.updateFramework else { return "Expecting 'update_framework' to be present" }
            if update.frameworkInfo.id != call.frameworkID {
                return "'framework_id' differs from 'update_framework.framework_info.id'"
            }
        case .teardown, .revive, .suppress, .subscribe, .unknown:
            break
        }
        return nil
    }
}
