import DeskCore
import Foundation
import GeminiClient

// The desk the tests look at: two plain sessions, a master key with three subaccounts, both environments.
enum Sample {
    // 2024-05-01 12:30:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_714_566_600)
    static let utc = ClockZone.utc
    static let alice = OperatorIdentity(user: "alice", host: "desk1", sshClient: "10.0.0.7")
    // Who is at the keyboard in the tests' front end (not over SSH).
    static let operatorAtDesk = OperatorIdentity(user: "alice", host: "desk1", sshClient: nil)

    static let deskA = TargetInfo(id: TargetID(session: "desk-a"), environment: .production, maskedKey: "…AB12",
                                  isMaster: false, requireHeartbeat: false, allowCancelAll: true)
    static let deskB = TargetInfo(id: TargetID(session: "desk-b"), environment: .sandbox, maskedKey: "…CD34",
                                  isMaster: false, requireHeartbeat: true, allowCancelAll: false)
    static let alpha = master("alpha")
    static let beta = master("beta")
    static let gamma = master("gamma")
    static let sbxTest = TargetInfo(id: TargetID(session: "sbx-test"), environment: .sandbox, maskedKey: "…EF56",
                                    isMaster: false, requireHeartbeat: false, allowCancelAll: false)

    static let targets = [deskA, deskB, alpha, beta, gamma, sbxTest]

    static func master(_ account: String) -> TargetInfo {
        TargetInfo(id: TargetID(session: "master-mm", account: account), environment: .production, maskedKey: "…WXYZ",
                   isMaster: true, requireHeartbeat: false, allowCancelAll: false)
    }

    static let lastResults: [TargetID: CancelRecord] = [
        deskA.id: entry(id: 41, target: deskA, minutesAgo: 27, outcome: .ok, cancelled: [101, 102, 103], rejected: [201],
                        attempts: 1, latency: 84),
        alpha.id: entry(id: 40, target: alpha, minutesAgo: 28, outcome: .error, reason: "InvalidNonce", attempts: 2, latency: 310),
        // No outcome recorded: must show unknown, never ok.
        beta.id: entry(id: 39, target: beta, minutesAgo: 28, outcome: nil, attempts: 1, latency: nil),
        gamma.id: entry(id: 30, target: gamma, minutesAgo: 60 * 20, outcome: .ok, cancelled: [], rejected: [], attempts: 1, latency: 95),
        sbxTest.id: entry(id: 38, target: sbxTest, minutesAgo: 29, outcome: .unknown, reason: "NoAnswer", attempts: 3, latency: 3000),
    ]

    static func entry(id: Int64, target: TargetInfo, minutesAgo: Double, outcome: Outcome?, reason: String? = nil,
                      cancelled: [UInt64] = [], rejected: [UInt64] = [], attempts: Int, latency: Int?) -> CancelRecord {
        let time = now.addingTimeInterval(-minutesAgo * 60)
        return CancelRecord(id: id, target: target.id, endpoint: .session, environment: target.environment,
                            operatorIdentity: alice, time: time, outcome: outcome, reason: reason, message: nil,
                            cancelled: cancelled, rejected: rejected, attempts: attempts, latencyMs: latency,
                            finishedAt: outcome == nil ? nil : time.addingTimeInterval(Double(latency ?? 0) / 1000))
    }

    // The synthetic history row with this id: one a minute, going back in time, cycling through the targets.
    static func historyEntry(id: Int64) -> CancelRecord {
        let target = targets[Int(id % Int64(targets.count))]
        let outcome: Outcome? = id % 7 == 0 ? nil : (id % 5 == 0 ? .error : .ok)
        let rejected: [UInt64] = outcome == .ok && id % 3 == 0 ? [UInt64(id) * 10 + 1, UInt64(id) * 10 + 2] : []
        let time = Date(timeIntervalSince1970: 1_714_566_000 - Double(1_000_000 - id) * 60)
        return CancelRecord(id: id, target: target.id, endpoint: .session, environment: target.environment,
                            operatorIdentity: alice, time: time, outcome: outcome, reason: outcome == .error ? "RateLimited" : nil,
                            message: nil, cancelled: outcome == .ok ? [UInt64(id) * 10] : [], rejected: rejected,
                            attempts: 1, latencyMs: outcome == nil ? nil : 50, finishedAt: nil)
    }

    // `target`'s record as the desk streams it while in flight at `progress` (started at `now`).
    static func live(_ target: TargetID, _ progress: CancelProgress) -> CancelRecord {
        .intent(target: target, endpoint: .session, environment: environment(of: target), operatorIdentity: operatorAtDesk,
                time: now).advanced(to: progress)
    }

    // `target`'s record as the desk streams it once settled (started and finished at `now`).
    static func settled(_ target: TargetID, _ outcome: Outcome, cancelled: [UInt64] = [], rejected: [UInt64] = [],
                        reason: String? = nil, attempts: Int = 1, latencyMs: Int = 42) -> CancelRecord {
        CancelRecord(target: target, endpoint: .session, environment: environment(of: target), operatorIdentity: operatorAtDesk,
                     time: now, outcome: outcome, reason: reason, cancelled: cancelled, rejected: rejected, attempts: attempts,
                     latencyMs: latencyMs, finishedAt: now)
    }

    static func environment(of target: TargetID) -> Environment {
        targets.first { $0.id == target }?.environment ?? .production
    }
}
