import ArgumentParser
import DeskCore
import Foundation

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Past cancels, newest first, with rejected order IDs.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this session.") var session: String?
    @Option(help: "Only this subaccount.") var account: String?
    @Option(help: ArgumentHelp("Only since this time: 45s, 30m, 4h or 2d ago; 2026-11-20 (from midnight local time); 2026-11-20T14:00 (local time) or 2026-11-20T14:00:00Z. As the front end's since:.", valueName: "time"))
    var since: String?
    @Option(help: "At most this many entries.") var limit = 50
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let sinceDate: Date?
        if let since {
            guard let date = HistorySince.date(from: since, now: Date(), zone: .local) else {
                throw ValidationError("--since \"\(since)\": give \(HistorySince.forms)")
            }
            sinceDate = date
        } else {
            sinceDate = nil
        }
        let context = try await DeskContext.open(global, needsConfig: false)
        defer { context.close() }
        let entries = try await context.history.entries(HistoryFilter(session: session, account: account, since: sinceDate, limit: limit))
        if json {
            print(try JSONOutput.encode(entries.map(HistoryRow.init)))
            return
        }
        if entries.isEmpty {
            print("no cancels recorded in \(context.paths.historyFile)")
            return
        }
        for entry in entries {
            let outcome = Format.outcome(entry)
            print("\(Format.time(entry.time))  \(entry.target)  \(entry.environment.marker)  \(outcome)  "
                + "cancelled \(entry.cancelled.count), rejected \(entry.rejected.count), attempts \(entry.attempts)"
                + (entry.latencyMs.map { ", \($0) ms" } ?? "") + "  by \(entry.operatorIdentity.description)")
            if entry.scope == .all { print("    scope: \(CancelScope.all.endpoint) (every active order of the account)") }
            if let message = entry.message, entry.outcome != .ok { print("    \(message)") }
            if !entry.rejected.isEmpty { print("    rejected: " + entry.rejected.map(String.init).joined(separator: " ")) }
        }
    }
}

/// One history entry in JSON.
struct HistoryRow: Encodable {
    var id: Int64
    var time: String
    var user: String
    var host: String
    var sshClient: String?
    var session: String
    var account: String?
    var endpoint: String
    var environment: String
    var outcome: String
    var reason: String?
    var message: String?
    var cancelled: [UInt64]
    var rejected: [UInt64]
    var attempts: Int
    var latencyMs: Int?

    init(_ e: HistoryEntry) {
        id = e.id
        time = Format.iso(e.time)
        user = e.operatorIdentity.user
        host = e.operatorIdentity.host
        sshClient = e.operatorIdentity.sshClient
        session = e.target.session
        account = e.target.account
        endpoint = e.scope.endpoint
        environment = e.environment.rawValue
        // No recorded outcome (a crash, or still in flight) is unknown, never ok.
        outcome = e.outcome?.rawValue ?? "unknown"
        reason = e.outcome == nil ? "NoOutcomeRecorded" : e.reason
        message = e.message
        cancelled = e.cancelled
        rejected = e.rejected
        attempts = e.attempts
        latencyMs = e.latencyMs
    }

    enum CodingKeys: String, CodingKey {
        case id, time, user, host, session, account, endpoint, environment, outcome, reason, message, cancelled, rejected, attempts
        case sshClient = "ssh_client"
        case latencyMs = "latency_ms"
    }
}
