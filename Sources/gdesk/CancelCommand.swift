import ArgumentParser
import DeskCore
import Foundation
import GeminiClient

struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel all session orders of targets (SESSION or SESSION/ACCOUNT), or of every target with --all.",
        discussion: "Without --yes it asks on a terminal and refuses without one. Exit 0 if every target is ok and recorded in the history, 2 if a target is not ok, 3 if all are ok but a record is not in the history (it is in the journal or the system log)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Targets: SESSION or SESSION/ACCOUNT.", valueName: "target")) var targets: [String] = []
    @Flag(help: "Every configured target.") var all = false
    @Flag(help: "Cancel every ACTIVE order of the account (/v1/order/cancel/all), not just the session's; needs allow_cancel_all.")
    var activeOrders = false
    @Flag(help: "Do not ask for confirmation.") var yes = false
    @Flag(help: "Print JSON: one object per target.") var json = false

    func validate() throws {
        if all && !targets.isEmpty { throw ValidationError("give targets or --all, not both") }
        if !all && targets.isEmpty { throw ValidationError("give at least one target, or --all") }
        for text in targets where TargetID(parsing: text) == nil {
            throw ValidationError("\"\(text)\" is not a target: write SESSION or SESSION/ACCOUNT")
        }
    }

    func run() async throws {
        let context = try await DeskContext.open(global)
        defer { context.close() }
        let desk = context.desk
        let named = targets.compactMap(TargetID.init(parsing:))
        let chosen = all ? await desk.allTargets() : await desk.expand(named)
        let endpoint: CancelEndpoint = activeOrders ? .all : .session
        guard !desk.readOnly else {
            FileHandle.standardError.write("gdesk: read-only: nothing was sent\n")
            throw ExitCode.notAllOK
        }
        if !yes {
            guard ProcessTerminal.isInteractive else {
                FileHandle.standardError.write("gdesk: refusing to cancel without --yes when not on a terminal (nothing was sent)\n")
                throw ExitCode.notAllOK
            }
            guard confirm(chosen, endpoint: endpoint, config: context.config) else {
                FileHandle.standardError.write("gdesk: not confirmed; nothing was sent\n")
                throw ExitCode.notAllOK
            }
        }
        // No warm-up here: in a process that only cancels, it would add its own round trips before the cancels
        // leave. The cancels open what they need (over TLS they wait for the first connection and share it).
        let showProgress = !json && ProcessTerminal.stderrIsTerminal
        let started = ContinuousClock.now
        var results = await InterruptibleCancel.run(desk, chosen, endpoint: endpoint) { record in
            guard showProgress, case .retrying(let attempt, let reason) = record.progress else { return }
            FileHandle.standardError.write("  \(record.target): attempt \(attempt) failed (\(reason)), re-sending\n")
        }
        let elapsed = ContinuousClock.now - started
        results = await RecordReport.settle(results, records: context.records)
        if json {
            print(try JSONOutput.encode(results))
        } else {
            var table = TextTable(["TARGET", "OUTCOME", "CANCELLED", "REJECTED", "ATTEMPTS", "LATENCY", "MESSAGE"])
            for r in results {
                table.add([r.target.description, Format.outcome(r), String(r.cancelled.count), String(r.rejected.count),
                           String(r.attempts), Format.latency(r.latencyMs), r.message ?? ""])
            }
            print(table.render(), terminator: "")
            let ok = results.filter { $0.outcome == .ok }.count
            let rejected = results.reduce(0) { $0 + $1.rejected.count }
            let requests = results.reduce(0) { $0 + $1.attempts }
            print("\(ok) ok, \(rejected) rejected orders, \(results.count - ok) failed (\(Format.seconds(elapsed)), "
                  + "\(requests) request\(requests == 1 ? "" : "s"))")
        }
        if results.contains(where: { $0.outcome != .ok }) { throw ExitCode.notAllOK }
        if results.contains(where: { $0.recordedIn != nil && $0.recordedIn != .history }) { throw ExitCode.notInHistory }
    }

    private func confirm(_ targets: [TargetID], endpoint: CancelEndpoint, config: DeskConfig) -> Bool {
        var text = "About to POST \(endpoint.path) — \(endpoint.summary) — for \(targets.count) target(s):\n"
        for target in targets {
            let session = config.session(named: target.session)
            text += "  \(target)  \(session?.environment.marker ?? "?")  key \(session?.maskedKey ?? "?")\n"
        }
        text += "Type yes to send: "
        FileHandle.standardError.write(text)
        return readLine()?.trimmingCharacters(in: .whitespaces) == "yes"
    }
}
