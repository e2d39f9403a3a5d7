import GeminiClient

/// One `[[session]]` of the config: an API key and how to reach it.
public struct SessionConfig: Sendable, Equatable {
    public var name: String
    public var apiKey: String
    public var secret: SecretSource
    public var environment: Environment
    /// Overrides the environment's base URL (the simulated exchange, a proxy).
    public var url: String?
    /// Master keys: the subaccounts to act on; nil means discover them with `account/list`.
    public var accounts: [String]?
    public var requireHeartbeat: Bool
    public var nonceUnit: NonceUnit
    /// A PEM file of CA certificates to trust for this session's URL, added to the system's roots.
    public var caFile: String?
    /// Whether `caFile` is added to the system's roots (true, the default) or trusted alone (false).
    public var caSystemRoots: Bool
    /// Whether `/v1/order/cancel/all` (every order of the account, not just this session's) may be offered.
    public var allowCancelAll: Bool
    /// Account keys: the account's name in its group, for the monitor's per-account figures (`account = "name"`).
    public var account: String?

    public init(name: String, apiKey: String, secret: SecretSource, environment: Environment = .sandbox,
                url: String? = nil, accounts: [String]? = nil, requireHeartbeat: Bool = false,
                nonceUnit: NonceUnit = .milliseconds, caFile: String? = nil, caSystemRoots: Bool = true, allowCancelAll: Bool = false,
                account: String? = nil) {
        self.name = name
        self.apiKey = apiKey
        self.secret = secret
        self.environment = environment
        self.url = url
        self.accounts = accounts
        self.requireHeartbeat = requireHeartbeat
        self.nonceUnit = nonceUnit
        self.caFile = caFile
        self.caSystemRoots = caSystemRoots
        self.allowCancelAll = allowCancelAll
        self.account = account
    }

    public var isMaster: Bool { apiKey.hasPrefix("master-") }
    public var baseURL: String { url ?? environment.defaultBaseURL }
    public var maskedKey: String { Credentials.mask(apiKey) }
}
