/// What `gdesk-exchange --handoff` tells the `gdesk demo` that started it, as one JSON line on a pipe between the two:
/// where it listens, and the sessions it serves with their secrets. The secrets are made for the run; they travel only
/// on that pipe, never through a file, the arguments or the environment.
public struct SimulatorHandoff: Codable, Sendable, Equatable {
    /// One session of the simulated exchange, as the desk configures it.
    public struct Session: Codable, Sendable, Equatable {
        public var name: String
        public var apiKey: String
        public var secret: String
        public var environment: Environment
        /// A master key's subaccounts; nil for an account key.
        public var accounts: [String]?
        public var requireHeartbeat: Bool
        public var allowCancelAll: Bool

        public init(name: String, apiKey: String, secret: String, environment: Environment, accounts: [String]? = nil,
                    requireHeartbeat: Bool = false, allowCancelAll: Bool = false) {
            self.name = name
            self.apiKey = apiKey
            self.secret = secret
            self.environment = environment
            self.accounts = accounts
            self.requireHeartbeat = requireHeartbeat
            self.allowCancelAll = allowCancelAll
        }
    }

    /// The exchange's base URL, on loopback.
    public var url: String
    public var sessions: [Session]

    public init(url: String, sessions: [Session]) {
        self.url = url
        self.sessions = sessions
    }

    /// The config the desk uses for these sessions (secrets by name, through `secret(for:)`, not in the config).
    public var config: DeskConfig {
        DeskConfig(path: "built-in demo", sessions: sessions.map { session in
            SessionConfig(name: session.name, apiKey: session.apiKey, secret: .environment(Self.secretName(session.name)),
                          environment: session.environment, url: url, accounts: session.accounts,
                          requireHeartbeat: session.requireHeartbeat, allowCancelAll: session.allowCancelAll)
        })
    }

    /// The secret of a session of `config`, from the handoff.
    public func secret(for session: SessionConfig) -> String? {
        sessions.first { $0.name == session.name && $0.apiKey == session.apiKey }?.secret
    }

    /// The name a session's secret goes by in the demo's config (never set in the environment: the demo resolves it).
    static func secretName(_ session: String) -> String {
        "GDESK_DEMO_" + String(session.uppercased().map { $0 == "-" ? "_" : $0 })
    }
}
