import Foundation

/// A cancel about to be sent to one target, recorded before its request leaves.
public struct CancelIntent: Sendable, Equatable {
    /// This cancel's own id, kept with every record of it (history, journal, system log): merging a journal into the
    /// history by this key never adds a cancel twice.
    public var key: UUID
    public var time: Date
    public var operatorIdentity: OperatorIdentity
    public var target: TargetID
    public var scope: CancelScope
    public var environment: Environment

    public init(key: UUID = UUID(), time: Date = Date(), operatorIdentity: OperatorIdentity, target: TargetID, scope: CancelScope,
                environment: Environment) {
        self.key = key
        self.time = time
        self.operatorIdentity = operatorIdentity
        self.target = target
        self.scope = scope
        self.environment = environment
    }
}
