import ArgumentParser
import DeskCore
import Foundation
import GeminiClient
import SimulatedExchange

struct ExchangeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exchange",
        abstract: "Run the simulated Gemini exchange on loopback, to try gdesk without real keys.",
        discussion: """
            Without --scenario it serves the demo's keys and orders with secrets made for this run; --write-config
            writes a gdesk config (and 0600 secret files beside it) that points at it:
              gdesk exchange --port 8089 --write-config /tmp/sim/config.toml &
              gdesk --config /tmp/sim/config.toml cancel --all --yes
            """
    )

    @Option(help: "Loopback address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one).") var port = 8089
    @Option(help: ArgumentHelp("A scenario JSON file: keys, orders, latency, rate limit, faults.", valueName: "file")) var scenario: String?
    @Option(help: "Latency added to every answer, in ms (overrides the scenario).") var latencyMs: Int?
    @Option(help: ArgumentHelp("Write a gdesk config for this exchange here (secrets in 0600 files beside it).", valueName: "path"))
    var writeConfig: String?
    /// The global options, which mean nothing to the simulated exchange: refused rather than dropped.
    @OptionGroup(visibility: .private) var global: GlobalOptions

    /// Writes a line at once (unbuffered), so scripts waiting for the port see it.
    private func say(_ line: String) { FileHandle.standardOutput.write(line + "\n") }

    func validate() throws {
        try global.locations.refuse(in: "exchange")
        if global.readOnly { throw ValidationError("gdesk exchange cancels nothing: --read-only does not apply") }
        guard BaseURL.isLoopback(host) else { throw ValidationError("--host \(host): the simulated exchange listens on loopback only") }
    }

    func run() async throws {
        let demo = DemoSetup()
        var plan: ExchangeScenario
        var sessions: [(name: String, key: ExchangeKey, environment: Environment)]
        if let scenario {
            do {
                plan = try ExchangeScenario.load(path: scenario)
            } catch {
                FileHandle.standardError.write("gdesk exchange: \(error)\n")
                throw ExitCode.badConfig
            }
            sessions = plan.keys.map { key in
                (String(key.apiKey.split(separator: "-", maxSplits: 1).last ?? Substring(key.apiKey)), key, .sandbox)
            }
        } else {
            plan = demo.scenario
            sessions = zip(demo.sessions, plan.keys).map { ($0.name, $1, $0.environment) }
        }
        if let latencyMs { plan.latencyMilliseconds = latencyMs }
        let exchange = SimulatedExchange(scenario: plan)
        try await exchange.start(host: host, port: port)
        say("simulated exchange listening on \(exchange.baseURL) (latency \(plan.latencyMilliseconds) ms)")
        for (name, key, _) in sessions {
            say("  \(name): \(key.isMaster ? "master" : "account") key \(Credentials.mask(key.apiKey))"
                + (key.accounts.isEmpty ? "" : ", accounts " + key.accounts.map(\.name).joined(separator: ", ")))
        }
        if let writeConfig {
            try ConfigWriter.write(to: writeConfig, baseURL: exchange.baseURL, sessions: sessions)
            say("wrote \(writeConfig)")
        }
        await SignalWaiter.waitForTermination()
        try await exchange.shutdown()
    }
}

/// Writes a gdesk config for the simulated exchange, secrets in 0600 files beside it.
enum ConfigWriter {
    static func write(to path: String, baseURL: String, sessions: [(name: String, key: ExchangeKey, environment: Environment)]) throws {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let secrets = directory + "/secrets"
        try FileManager.default.createDirectory(atPath: secrets, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var toml = "# gdesk config for the simulated exchange at \(baseURL)\n"
        for (name, key, environment) in sessions {
            let secretFile = "\(secrets)/\(name).secret"
            FileManager.default.createFile(atPath: secretFile, contents: Data(key.secret.utf8), attributes: [.posixPermissions: 0o600])
            toml += """

                [[session]]
                name = "\(name)"
                api_key = "\(key.apiKey)"
                secret_file = "\(secretFile)"
                environment = "\(environment.rawValue)"
                url = "\(baseURL)"

                """
            if key.isMaster { toml += "accounts = [" + key.accounts.map { "\"\($0.name)\"" }.joined(separator: ", ") + "]\n" }
            if key.requireHeartbeat { toml += "require_heartbeat = true\n" }
        }
        try toml.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// Waits for SIGINT or SIGTERM.
enum SignalWaiter {
    static func waitForTermination() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let fired = OnceFlag()
            let sources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .main) }
            for source in sources {
                source.setEventHandler {
                    if fired.set() { continuation.resume() }
                }
                source.resume()
            }
            SignalSources.keep(sources)
        }
    }
}

/// Keeps signal sources alive for the life of the process.
enum SignalSources {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    static func keep(_ new: [any DispatchSourceSignal]) { sources += new }
}

/// A one-shot flag: `set()` is true only the first time.
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    func set() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if done { return false }
        done = true
        return true
    }
}
