/// An API key the simulated exchange knows: a Gemini *session*.
public struct ExchangeKey: Sendable, Codable, Equatable {
    /// `"account-…"` for an account key, `"master-…"` for a master key; an older key without a prefix is an account key.
    public var apiKey: String
    public var secret: String
    public var roles: ExchangeRoles
    /// Master keys: the subaccounts they may name with `account`. Account keys: ignored; such a key acts on
    /// its own account, named `"primary"`.
    public var accounts: [ExchangeAccount]
    /// Nonces are seconds within ±30 s of the exchange's clock (and need not increase) instead of strictly increasing.
    public var timeBasedNonce: Bool
    /// "Require Heartbeat": when no authenticated call arrives for the scenario's heartbeat timeout, the
    /// session's orders are cancelled. Master keys do not support it.
    public var requireHeartbeat: Bool

    public init(apiKey: String, secret: String, roles: ExchangeRoles = ExchangeRoles(), accounts: [ExchangeAccount] = [],
                timeBasedNonce: Bool = false, requireHeartbeat: Bool = false) {
        self.apiKey = apiKey
        self.secret = secret
        self.roles = roles
        self.accounts = accounts
        self.timeBasedNonce = timeBasedNonce
        self.requireHeartbeat = requireHeartbeat
    }

    /// Decodes with defaults for missing fields: Trader, no accounts, increasing nonces, no heartbeat.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiKey = try c.decode(String.self, forKey: .apiKey)
        secret = try c.decode(String.self, forKey: .secret)
        roles = try c.decodeIfPresent(ExchangeRoles.self, forKey: .roles) ?? ExchangeRoles()
        accounts = try c.decodeIfPresent([ExchangeAccount].self, forKey: .accounts) ?? []
        timeBasedNonce = try c.decodeIfPresent(Bool.self, forKey: .timeBasedNonce) ?? false
        requireHeartbeat = try c.decodeIfPresent(Bool.self, forKey: .requireHeartbeat) ?? false
    }

    /// Master keys (`master-…`) act on subaccounts named with `account`.
    public var isMaster: Bool { apiKey.hasPrefix("master-") }
}
