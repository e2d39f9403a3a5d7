/// A target as listed on screen and by `gdesk sessions`.
public struct TargetInfo: Sendable, Equatable {
    public var id: TargetID
    public var environment: Environment
    public var maskedKey: String
    public var isMaster: Bool
    public var requireHeartbeat: Bool
    /// Whether `/v1/order/cancel/all` may be offered for this target.
    public var allowCancelAll: Bool

    public init(id: TargetID, environment: Environment, maskedKey: String, isMaster: Bool, requireHeartbeat: Bool, allowCancelAll: Bool) {
        self.id = id
        self.environment = environment
        self.maskedKey = maskedKey
        self.isMaster = isMaster
        self.requireHeartbeat = requireHeartbeat
        self.allowCancelAll = allowCancelAll
    }
}
