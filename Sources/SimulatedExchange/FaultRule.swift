/// A fault and how many more private requests of the key it affects.
public struct FaultRule: Sendable, Codable, Equatable {
    public var fault: Fault
    /// nil: every request from now on; n: the next n private requests that reach the fault stage, then the rule is cleared.
    public var remaining: Int?

    public init(fault: Fault, remaining: Int? = nil) {
        self.fault = fault
        self.remaining = remaining
    }
}
