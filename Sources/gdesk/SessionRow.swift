import DeskCore

/// One row of `gdesk sessions --json`.
struct SessionRow: Encodable {
    var session: String
    var account: String?
    var environment: String
    var key: String
    var requireHeartbeat: Bool
    var lastResult: CancelRecord?

    init(target: TargetInfo, last: CancelRecord?) {
        session = target.id.session
        account = target.id.account
        environment = target.environment.rawValue
        key = target.maskedKey
        requireHeartbeat = target.requireHeartbeat
        lastResult = last
    }

    enum CodingKeys: String, CodingKey {
        case session, account, environment, key
        case requireHeartbeat = "require_heartbeat"
        case lastResult = "last_result"
    }
}
