import GeminiClient

/// One `[[monitor]]` of the config: a read-only key (Auditor role recommended; a master key sees every account of
/// its group) whose order events stream shows what each session has live. Never one of the sessions' own keys: an
/// authenticated call with a session's key would feed its Require-Heartbeat timer.
public struct MonitorConfig: Sendable, Equatable {
    public var name: String
    public var apiKey: String
    public var secret: SecretSource
    public var environment: Environment
    /// Overrides the environment's base URL, as for sessions; the stream URL is derived from it.
    public var url: String?
    public var nonceUnit: NonceUnit
    /// A PEM file of CA certificates to trust for the stream and for REST.
    public var caFile: String?
    /// Whether `caFile` is added to the system's roots (true, the default) or trusted alone (false).
    public var caSystemRoots: Bool

    public init(name: String, apiKey: String, secret: SecretSource, environment: Environment = .sandbox, url: String? = nil,
                nonceUnit: NonceUnit = .milliseconds, caFile: String? = nil, caSystemRoots: Bool = true) {
        self.name = name
        self.apiKey = apiKey
        self.secret = secret
        self.environment = environment
        self.url = url
        self.nonceUnit = nonceUnit
        self.caFile = caFile
        self.caSystemRoots = caSystemRoots
    }

    public var isMaster: Bool { apiKey.hasPrefix("master-") }
    public var baseURL: String { url ?? environment.defaultBaseURL }
    public var maskedKey: String { Credentials.mask(apiKey) }

    /// Whether this monitor watches `session`'s exchange: the same base URL.
    public func watches(_ session: SessionConfig) -> Bool {
        Self.sameOrigin(baseURL, session.baseURL)
    }

    static func sameOrigin(_ a: String, _ b: String) -> Bool {
        func normal(_ s: String) -> String { (s.hasSuffix("/") ? String(s.dropLast()) : s).lowercased() }
        return normal(a) == normal(b)
    }
}
