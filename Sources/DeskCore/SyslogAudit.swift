import Foundation
import GeminiClient
import Synchronization

/// The system log as a second audit trail: one structured RFC 5424 record per cancel intent and per outcome.
///
/// The structured-data element is `[gdesk@32473 …]` (32473 is the example enterprise number RFC 5612 reserves; gdesk
/// has none of its own) with `event`, `key` (the cancel's id, the same as in the history and journal), `operator`,
/// `host`, `ssh_client`, `session`, `account`, `endpoint`, `environment`, `attempts`, `record` (where the record went)
/// and, for an outcome, `outcome`, `reason`, `cancelled`/`rejected` (counts), `cancelled_ids`/`rejected_ids` and
/// `latency_ms`. Secrets and API keys are never part of a record. Sending never blocks; a failure is remembered for
/// the operator (`lastProblem`) and logged, never thrown.
public final class SyslogAudit: Sendable {
    public static let structuredDataID = "gdesk@32473"

    public let sender: SyslogSender
    private let problem = Mutex<String?>(nil)

    public init(sender: SyslogSender) {
        self.sender = sender
    }

    /// The last send that failed, in words (nil after a send that worked).
    public var lastProblem: String? { problem.withLock { $0 } }

    /// Records that `intent` is about to be sent.
    @discardableResult
    public func intent(_ intent: CancelRecord, record: RecordLocation) -> SyslogSender.Delivery {
        let target = intent.target.description
        return send(Self.message(
            severity: .notice, messageID: "cancel.intent", intent: intent, extra: [("attempts", "0"), ("record", record.description)],
            text: "cancel \(target) sending \(intent.endpoint.path) (\(intent.environment.rawValue)) by \(intent.operatorIdentity.description)"))
    }

    /// Records how the cancel of `settled` ended.
    @discardableResult
    public func outcome(_ settled: CancelRecord, record: RecordLocation) -> SyslogSender.Delivery {
        let outcome = settled.shownOutcome
        var extra: [(String, String)] = [
            ("attempts", String(settled.attempts)), ("record", record.description), ("outcome", outcome.rawValue),
            ("reason", settled.reason ?? ""),
            ("cancelled", String(settled.cancelled.count)), ("rejected", String(settled.rejected.count)),
            ("latency_ms", settled.latencyMs.map(String.init) ?? ""),
        ]
        extra.append(("cancelled_ids", settled.cancelled.map(String.init).joined(separator: " ")))
        extra.append(("rejected_ids", settled.rejected.map(String.init).joined(separator: " ")))
        let summary = "cancel \(settled.target) \(outcome.rawValue)"
            + (settled.reason.map { " \($0)" } ?? "")
            + ": \(settled.cancelled.count) cancelled, \(settled.rejected.count) rejected, \(settled.attempts) attempt(s)"
            + (settled.message.map { " — \($0)" } ?? "")
        return send(Self.message(severity: outcome == .ok ? .notice : .warning, messageID: "cancel.outcome",
                                 intent: settled, extra: extra, text: summary))
    }

    static func message(severity: SyslogMessage.Severity, messageID: String, intent: CancelRecord,
                        extra: [(String, String)], text: String) -> SyslogMessage {
        let identity = intent.operatorIdentity
        let parameters: [(name: String, value: String)] = [
            ("event", messageID == "cancel.intent" ? "intent" : "outcome"), ("key", intent.key?.uuidString.lowercased() ?? ""),
            ("operator", identity.user), ("host", identity.host), ("ssh_client", identity.sshClient ?? ""),
            ("session", intent.target.session), ("account", intent.target.account ?? ""),
            ("endpoint", intent.endpoint.path), ("environment", intent.environment.rawValue),
        ] + extra.map { (name: $0.0, value: $0.1) }
        return SyslogMessage(severity: severity, hostname: identity.host, messageID: messageID,
                             structuredDataID: structuredDataID, parameters: parameters, text: text)
    }

    private func send(_ message: SyslogMessage) -> SyslogSender.Delivery {
        let delivery = sender.send(message)
        problem.withLock { problem in
            if case .failed(let why) = delivery { problem = why } else { problem = nil }
        }
        return delivery
    }
}
