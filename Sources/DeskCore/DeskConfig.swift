/// The whole config file, parsed and checked.
public struct DeskConfig: Sendable, Equatable {
    /// The file it came from ("" for a config built in code, like the demo's).
    public var path: String
    public var sessions: [SessionConfig]
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
        self.readOnly = readOnly
        self.theme = theme
        self.keys = keys
        self.requestTimeout = requestTimeout
        self.cancelDeadline = cancelDeadline
    }

    public func session(named name: String) -> SessionConfig? { sessions.first { $0.name == name } }
}
