/// The roles an API key holds, as `POST /v1/roles` reports them.
public struct ExchangeRoles: Sendable, Codable, Equatable {
    /// Needed by the cancel endpoints.
    public var isTrader: Bool
    public var isAuditor: Bool
    public var isFundManager: Bool
    /// Reported for master keys only.
    public var isAccountAdmin: Bool

    public init(isTrader: Bool = true, isAuditor: Bool = false, isFundManager: Bool = false, isAccountAdmin: Bool = false) {
        self.isTrader = isTrader
        self.isAuditor = isAuditor
        self.isFundManager = isFundManager
        self.isAccountAdmin = isAccountAdmin
    }

    /// Decodes with defaults for missing fields: Trader only.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        isTrader = try c.decodeIfPresent(Bool.self, forKey: .isTrader) ?? true
        isAuditor = try c.decodeIfPresent(Bool.self, forKey: .isAuditor) ?? false
        isFundManager = try c.decodeIfPresent(Bool.self, forKey: .isFundManager) ?? false
        isAccountAdmin = try c.decodeIfPresent(Bool.self, forKey: .isAccountAdmin) ?? false
    }
}
