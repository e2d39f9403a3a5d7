import ArgumentParser
import DeskCore

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the config and run the pre-flight for every session (Trader role, reachability).",
        discussion: "Require-Heartbeat sessions are only tested for reachability: an authenticated call would reset their heartbeat timer."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try await DeskContext.open(global)
        defer { context.close() }
        print("config \(context.config.path): \(context.config.sessions.count) session(s), ok")
        let results = await context.desk.preflight(context.config.sessions.map(\.name))
        var table = TextTable(["SESSION", "STATUS", "DETAIL"])
        for result in results {
            switch result.status {
            case .ready(let roles):
                table.add([result.session, "ready", "roles: \(roles.summary)" + (result.discoveredAccounts.map { "; accounts: \($0.joined(separator: ", "))" } ?? "")])
            case .noTraderRole(let roles): table.add([result.session, "NO TRADER ROLE", "roles: \(roles.summary): cancels will fail with MissingRole"])
            case .reachableHeartbeatKey: table.add([result.session, "reachable", "Require-Heartbeat key: roles not checked (would reset its heartbeat)"])
            case .failed(let reason, let message): table.add([result.session, "FAILED", "\(reason): \(message)"])
            }
        }
        print(table.render(), terminator: "")
        let notices = context.desk.nonceNotices()
        for (session, notice) in notices { print("nonces \(session): \(notice)") }
        if notices.isEmpty { print("nonces: ok (no stored nonce ahead of the clock or damaged)") }
        let ready = results.allSatisfy {
            switch $0.status {
            case .ready, .reachableHeartbeatKey: true
            default: false
            }
        }
        if !ready { throw ExitCode.notAllOK }
    }
}
