import GeminiClient

/// What a pre-flight check found for one session: reachable, and allowed to cancel?
public struct PreflightResult: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// Reachable, key valid, Trader role held.
        case ready(roles: Roles)
        /// Reachable and key valid, but cancels will fail with MissingRole.
        case noTraderRole(roles: Roles)
        /// Not checked: an authenticated call would reset the Require-Heartbeat timer; only reachability was tested.
        case reachableHeartbeatKey
        /// Something failed: the reason and a message.
        case failed(reason: String, message: String)
    }

    public var session: String
    public var status: Status
    /// Subaccounts found with `account/list` for master keys without an `accounts` list.
    public var discoveredAccounts: [String]?

    public init(session: String, status: Status, discoveredAccounts: [String]? = nil) {
        self.session = session
        self.status = status
        self.discoveredAccounts = discoveredAccounts
    }

    /// A short label for the role column: "Trader", "no Trader", "hb key", "error".
    public var label: String {
        switch status {
        case .ready: "Trader"
        case .noTraderRole: "no Trader"
        case .reachableHeartbeatKey: "hb: unchecked"
        case .failed(let reason, _): reason
        }
    }
}
