import ArgumentParser
import DeskCore
import Foundation
import GeminiClient

struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel all session orders of targets (SESSION or SESSION/ACCOUNT), or of every target with --all.",
        discussion: "Without --yes it asks on a terminal and refuses without one. Exit 0 if every target is ok, 2 otherwise."
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
        let scope: CancelScope = activeOrders ? .all : .session
        guard !desk.readOnly else {
            FileHandle.standardError.write("gdesk: read-only: nothing was sent\n")
            throw ExitCode.notAllOK
        }
        if !yes {
            guard Terminal.isInteractive else {
                FileHandle.standardError.write("gdesk: refusing to cancel without --yes when not on a terminal (nothing was sent)\n")
                throw ExitCode.notAllOK
            }
            guard confirm(chosen, scope: scope, config: context.config) else {
                FileHandle.standardError.write("gdesk: not confirmed; nothing was sent\n")
                throw ExitCode.notAllOK
            }
        }
        // No warm-up here: in a process that only cancels, it would add its own round trips before the cancels
        // leave. The cancels open what they need (over TLS they wait for the first connection and share it).
        let showProgress = !json && Terminal.stderrIsTerminal
        let started = ContinuousClock.now
        let results = await InterruptibleCancel.run(desk, chosen, scope: scope) { event in
            guard showProgress else { return }
            switch event.progress {
            case .retrying(let attempt, let reason):
                FileHandle.standardError.write("  \(event.target): attempt \(attempt) failed (\(reason)), re-sending\n")
            default: break
            }
        }
        let elapsed = ContinuousClock.now - started
        if json {
            print(try JSONOutput.encode(results.map(CancelRow.init)))
        } else {
            var table = TextTable(["TARGET", "OUTCOME", "CANCELLED", "REJECTED", "ATTEMPTS", "LATENCY", "MESSAGE"])
            for r in results {
                table.add([r.target.description, Format.outcome(r.outcome, reason: r.reason), String(r.details.cancelled.count),
                           String(r.details.rejected.count), String(r.attempts), Format.latency(r.latency), r.message ?? ""])
            }
            print(table.render(), terminator: "")
            let ok = results.filter { $0.outcome == .ok }.count
            let rejected = results.reduce(0) { $0 + $1.details.rejected.count }
            let requests = results.reduce(0) { $0 + $1.attempts }
            print("\(ok) ok, \(rejected) rejected orders, \(results.count - ok) failed (\(Format.seconds(elapsed)), "
                  + "\(requests) request\(requests == 1 ? "" : "s"))")
        }
        if results.contains(where: { $0.outcome != .ok }) { throw ExitCode.notAllOK }
    }

    private func confirm(_ targets: [TargetID], scope: CancelScope, config: DeskConfig) -> Bool {
        var text = "About to POST \(scope.endpoint) — \(scope.summary) — for \(targets.count) target(s):\n"
        for target in targets {
            let session = config.session(named: target.session)
            text += "  \(target)  \(session?.environment.marker ?? "?")  key \(session?.maskedKey ?? "?")\n"
        }
        text += "Type yes to send: "
        FileHandle.standardError.write(text)
        return readLine()?.trimmingCharacters(in: .whitespaces) == "yes"
    }
}

/// One object of `gdesk cancel --json`: the contract scripts rely on.
struct CancelRow: Encodable {
    var session: String
    var account: String?
    var outcome: String
    var cancelled: [UInt64]
    var rejected: [UInt64]
    var reason: String?
    var message: String?
    var attempts: Int
    var latencyMs: Int

    init(_ r: CancelResult) {
        session = r.target.session
        account = r.target.account
        outcome = r.outcome.rawValue
        cancelled = r.details.cancelled
        rejected = r.details.rejected
        reason = r.reason
        message = r.message
        attempts = r.attempts
        latencyMs = r.latency.milliseconds
    }

    enum CodingKeys: String, CodingKey {
        case session, account, outcome, cancelled, rejected, reason, message, attempts
        case latencyMs = "latency_ms"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(session, forKey: .session)
        try c.encode(account, forKey: .account)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(cancelled, forKey: .cancelled)
        try c.encode(rejected, forKey: .rejected)
        try c.encode(reason, forKey: .reason)
        try c.encode(message, forKey: .message)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(latencyMs, forKey: .latencyMs)
    }
}
