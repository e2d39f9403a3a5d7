import ArgumentParser
import DeskCore
import Foundation
import GeminiClient
import SimulatedExchange

/// The simulated Gemini exchange as a program of its own, so that the desk binary carries none of it (nor SwiftNIO).
/// `gdesk exchange …` runs it; `gdesk demo` starts it as a child with `--handoff` and stops it when the demo ends.
@main
struct GDeskExchange: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gdesk-exchange",
        abstract: "Run the simulated Gemini exchange on loopback, to try gdesk without real keys.",
        discussion: """
            Without --scenario it serves the demo's keys and orders with secrets made for this run; --write-config \
            writes a gdesk config (and 0600 secret files beside it) that points at it. It is ready once it has printed \
            the line `simulated exchange listening on URL` (and written the config), and stops on SIGINT, SIGTERM or \
            SIGHUP. `gdesk exchange` takes the same options.
            """
    )

    @Option(help: "Loopback address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one).") var port = 8089
    @Option(help: ArgumentHelp("A scenario JSON file: keys, orders, latency, rate limit, faults.", valueName: "file")) var scenario: String?
    @Option(help: "Latency added to every answer, in ms (overrides the scenario).") var latencyMs: Int?
    @Option(help: ArgumentHelp("Write a gdesk config for this exchange here (secrets in 0600 files beside it).", valueName: "path"))
    var writeConfig: String?
    @Flag(help: .private) var handoff = false

    /// Writes a line at once (unbuffered), so scripts waiting for the port see it.
    private func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

    func validate() throws {
        guard BaseURL.isLoopback(host) else { throw ValidationError("--host \(host): the simulated exchange listens on loopback only") }
        if handoff && isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("--handoff prints the sessions' secrets for gdesk demo: standard output must be its pipe, not a terminal")
        }
    }

    func run() async throws {
        let demo = DemoScenario()
        var plan: ExchangeScenario
        var sessions: [(name: String, key: ExchangeKey, environment: Environment)]
        if let scenario {
            do {
                plan = try ExchangeScenario.load(path: scenario)
            } catch {
                FileHandle.standardError.write(Data("gdesk-exchange: \(error)\n".utf8))
                throw ExitCode(78)
            }
            sessions = plan.keys.map { key in
                (String(key.apiKey.split(separator: "-", maxSplits: 1).last ?? Substring(key.apiKey)), key, .sandbox)
            }
        } else {
            plan = demo.scenario
            sessions = zip(demo.sessions, plan.keys).map { ($0.name, $1, $0.environment) }
        }
        if let latencyMs { plan.latencyMilliseconds = latencyMs }
        // Signals are caught from here on: one arriving during start-up still ends the exchange cleanly.
        let stop = SignalWaiter.start()
        let exchange = SimulatedExchange(scenario: plan)
        try await exchange.start(host: host, port: port)
        if handoff {
            // The parent's end of standard input closes when it exits, however it exits: then so does the exchange.
            ParentWatch.start(onClose: stop.fire)
            let handoff = scenario == nil ? demo.handoff(url: exchange.baseURL) : SimulatorHandoff(url: exchange.baseURL, sessions: sessions.map {
                SimulatorHandoff.Session(name: $0.name, apiKey: $0.key.apiKey, secret: $0.key.secret, environment: $0.environment,
                                         accounts: $0.key.isMaster ? $0.key.accounts.map(\.name) : nil,
                                         requireHeartbeat: $0.key.requireHeartbeat)
            })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            say(String(decoding: try encoder.encode(handoff), as: UTF8.self))
        } else {
            say("simulated exchange listening on \(exchange.baseURL) (latency \(plan.latencyMilliseconds) ms)")
            for (name, key, _) in sessions {
                say("  \(name): \(key.isMaster ? "master" : "account") key \(Credentials.mask(key.apiKey))"
                    + (key.accounts.isEmpty ? "" : ", accounts " + key.accounts.map(\.name).joined(separator: ", ")))
            }
            if let writeConfig {
                try ConfigWriter.write(to: writeConfig, baseURL: exchange.baseURL, sessions: sessions)
                say("wrote \(writeConfig)")
            }
        }
        await stop.wait()
        try await exchange.shutdown()
    }
}
