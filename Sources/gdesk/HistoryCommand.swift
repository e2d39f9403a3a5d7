import ArgumentParser
import DeskCore
import Foundation
import GeminiClient

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
        // The next start: what waits in the journal goes into the history first, if it takes it now.
        if context.records.journal.hasPending { await context.records.mergeJournal(within: .seconds(2)) }
        guard let history = context.records.store else {
            FileHandle.standardError.write("gdesk: \(HistoryUnavailable(status: context.records.status))\n")
            throw ExitCode.failure
        }
        if context.records.journal.hasPending {
            FileHandle.standardError.write("gdesk: some cancels are still in the journal (\(context.records.status.problem?.description ?? "not merged yet")), "
                                           + "not in this list; they are merged into the history when it can take them\n")
        }
        let entries = try await history.entries(HistoryFilter(session: session, account: account, since: sinceDate, limit: limit))
        if json {
            print(try JSONOutput.encode(entries))
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
            if entry.endpoint == .all { print("    scope: \(CancelEndpoint.all.path) (every active order of the account)") }
            if let message = entry.message, entry.outcome != .ok { print("    \(message)") }
            if !entry.rejected.isEmpty { print("    rejected: " + entry.rejected.map(String.init).joined(separator: " ")) }
        }
    }
}
