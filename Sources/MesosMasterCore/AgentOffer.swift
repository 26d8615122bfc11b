import MesosModel

/// An outstanding offer as its agent's record lists it: its id and the resources it offers, so that
/// the state endpoints sum an agent's offers without looking each one up in the offers table (at
/// 50,000 agents with a round's offers outstanding, those lookups were a hash of an id each).
/// The resources are the offer's own array: listing them here costs one retain.
public struct AgentOffer: Sendable, Equatable {
    public let id: OfferID
    public let resources: [Resource]
}
