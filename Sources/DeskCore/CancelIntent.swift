import Foundation

/// A cancel about to be sent to one target, recorded before its request leaves.
public struct CancelIntent: Sendable, Equatable {
    public var time: Date
    public var operatorIdentity: OperatorIdentity
    public var target: TargetID
    public var scope: CancelScope
    public var environment: Environment

    public init(time: Date = Date(), operatorIdentity: OperatorIdentity, target: TargetID, scope: CancelScope,
                environment: Environment) {
        self.time = time
        self.operatorIdentity = operatorIdentity
        self.target = target
        self.scope = scope
        self.environment = environment
    }
}
