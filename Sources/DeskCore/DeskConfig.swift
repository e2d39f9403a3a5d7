/// The whole config file, parsed and checked.
public struct DeskConfig: Sendable, Equatable {
    /// The file it came from ("" for a config built in code, like the demo's).
    public var path: String
    public var sessions: [SessionConfig] {
        didSet { positions = Self.positions(of: sessions) }
    }
    /// Session name → index in `sessions` (the first of a name), so that a lookup does not scan 10,000 sessions.
    private var positions: [String: Int]
    /// `[[monitor]]`: read-only keys whose order events show what each session has live.
    public var monitors: [MonitorConfig] = []
    /// No cancel key is bound and no cancel command runs.
    public var readOnly: Bool
    /// Theme name or path.
    public var theme: String?
    /// Key bindings overriding the defaults: action name → key ("cancel" → "x").
    public var keys: [String: String]
    /// Per-request deadline and whole-cancel deadline.
    public var requestTimeout: Duration
    public var cancelDeadline: Duration
    /// Every cancel intent and outcome also goes to the system log (`audit_syslog`, on unless set to false).
    public var auditSyslog = true

    public init(path: String = "", sessions: [SessionConfig], readOnly: Bool = false, theme: String? = nil,
                keys: [String: String] = [:], requestTimeout: Duration = .seconds(3), cancelDeadline: Duration = .seconds(10)) {
        self.path = path
        self.sessions = sessions
        self.positions = Self.positions(of: sessions)
        self.readOnly = readOnly
        self.theme = theme
        self.keys = keys
        self.requestTimeout = requestTimeout
        self.cancelDeadline = cancelDeadline
    }

    public func session(named name: String) -> SessionConfig? { positions[name].map { sessions[$0] } }

    private static func positions(of sessions: [SessionConfig]) -> [String: Int] {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(sessions.count)
        for (index, session) in sessions.enumerated() where positions[session.name] == nil { positions[session.name] = index }
        return positions
    }

    /// The monitor watching `session`'s exchange (the same base URL), if any.
    public func monitor(for session: SessionConfig) -> MonitorConfig? { monitors.first { $0.watches(session) } }
}
