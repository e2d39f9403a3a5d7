import Foundation
import SimulatedExchange

/// A simulated exchange with known keys and orders, a config for it in a temporary directory, and a way to run gdesk on it.
package final class DeskFixture: @unchecked Sendable {
    package static let alphaSecret = "alpha-SECRET-4f1c9e"
    package static let groupSecret = "group-SECRET-77aa01"
    package static let viewerSecret = "viewer-SECRET-0b2d"
    package static let heartbeatSecret = "hb-SECRET-5e5e5e"
    package static let faultySecret = "faulty-SECRET-c3c3"
    package static var allSecrets: [String] { [alphaSecret, groupSecret, viewerSecret, heartbeatSecret, faultySecret] }

    package static let bigID: UInt64 = 9_007_199_254_740_993

    package let exchange: SimulatedExchange
    /// The fixture's own temporary directory: config, secrets, history and gdesk's state (`HOME`).
    package let directory: String
    package let configPath: String
    package let historyPath: String
    private let temporary: TemporaryDirectory

    /// Five keys (one a master key with three accounts, one an auditor, one needing heartbeats) and their orders.
    package static func scenario(latency: Int = 0) -> ExchangeScenario {
        ExchangeScenario(
            keys: [
                ExchangeKey(apiKey: "account-alpha0001", secret: alphaSecret),
                ExchangeKey(apiKey: "master-group0002", secret: groupSecret,
                            accounts: ["primary", "desk-2", "desk-3"].map { ExchangeAccount(name: $0) }),
                ExchangeKey(apiKey: "account-viewer0003", secret: viewerSecret, roles: ExchangeRoles(isTrader: false, isAuditor: true)),
                ExchangeKey(apiKey: "account-hb000004", secret: heartbeatSecret, requireHeartbeat: true),
                ExchangeKey(apiKey: "account-faulty005", secret: faultySecret),
            ],
            orders: [
                SimOrder(id: 101, apiKey: "account-alpha0001"),
                SimOrder(id: 102, apiKey: "account-alpha0001"),
                SimOrder(id: bigID, apiKey: "account-alpha0001"),
                SimOrder(id: 103, apiKey: "account-alpha0001", onCancel: .rejectFilled),
                SimOrder(id: 201, apiKey: "master-group0002", account: "primary"),
                SimOrder(id: 202, apiKey: "master-group0002", account: "desk-2"),
                SimOrder(id: 203, apiKey: "master-group0002", account: "desk-2", onCancel: .rejectAlreadyCancelled),
                SimOrder(id: 204, apiKey: "master-group0002", account: "desk-3"),
                SimOrder(id: 401, apiKey: "account-hb000004"),
                SimOrder(id: 501, apiKey: "account-faulty005"),
            ],
            latencyMilliseconds: latency, rateLimit: RateLimitPolicy(requestsPerSecond: 1000, burst: 1000), faults: [:],
            heartbeatTimeoutSeconds: 3600)
    }

    package init(scenario: ExchangeScenario = DeskFixture.scenario(), requestTimeoutMs: Int = 400, deadlineMs: Int = 2500,
         extraConfig: String = "") async throws {
        temporary = try TemporaryDirectory(prefix: "gdesk-e2e")
        directory = temporary.path
        try FileManager.default.createDirectory(atPath: directory + "/secrets", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        exchange = SimulatedExchange(scenario: scenario)
        try await exchange.start()
        configPath = directory + "/config.toml"
        historyPath = directory + "/history.sqlite3"
        for (name, secret) in [("alpha", Self.alphaSecret), ("group", Self.groupSecret), ("viewer", Self.viewerSecret),
                               ("hb", Self.heartbeatSecret), ("faulty", Self.faultySecret)] {
            FileManager.default.createFile(atPath: "\(directory)/secrets/\(name)", contents: Data(secret.utf8),
                                           attributes: [.posixPermissions: 0o600])
        }
        let url = exchange.baseURL
        let config = """
            request_timeout_ms = \(requestTimeoutMs)
            cancel_deadline_ms = \(deadlineMs)
            \(extraConfig)
            [[session]]
            name = "alpha"
            api_key = "account-alpha0001"
            secret_file = "secrets/alpha"
            environment = "production"
            url = "\(url)"

            [[session]]
            name = "group"
            api_key = "master-group0002"
            secret_file = "secrets/group"
            url = "\(url)"
            accounts = ["primary", "desk-2", "desk-3"]

            [[session]]
            name = "viewer"
            api_key = "account-viewer0003"
            secret_env = "GDESK_TEST_VIEWER_SECRET"
            url = "\(url)"

            [[session]]
            name = "hb"
            api_key = "account-hb000004"
            secret_command = "cat secrets/hb"
            require_heartbeat = true
            url = "\(url)"

            [[session]]
            name = "faulty"
            api_key = "account-faulty005"
            secret_file = "secrets/faulty"
            url = "\(url)"
            """
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// What gdesk runs with: `HOME` and the XDG folders in the fixture's directory, the viewer's secret, `USER`.
    package var environment: [String: String] {
        ["HOME": directory, "XDG_STATE_HOME": directory + "/state", "XDG_CONFIG_HOME": directory + "/xdg-config",
         "GDESK_TEST_VIEWER_SECRET": Self.viewerSecret, "USER": "tester"]
    }

    /// Runs `gdesk --config … --history … ARGS` in the fixture's directory.
    package func gdesk(_ arguments: [String], input: String? = nil) async throws -> GDeskBinary.Run {
        try await GDeskBinary.run(["--config", configPath, "--history", historyPath] + arguments, environment: environment,
                                  input: input, in: directory)
    }

    /// `gdesk cancel ARGS --yes --json`, and its rows (none when the output is not JSON).
    package func cancelJSON(_ arguments: [String]) async throws -> (GDeskBinary.Run, [CancelJSON]) {
        let run = try await gdesk(["cancel"] + arguments + ["--yes", "--json"])
        let rows = (try? JSONDecoder().decode([CancelJSON].self, from: Data(run.stdout.utf8))) ?? []
        return (run, rows)
    }

    /// `gdesk history --json ARGS`, decoded.
    package func historyJSON(_ arguments: [String] = []) async throws -> [HistoryJSON] {
        let run = try await gdesk(["history", "--json"] + arguments)
        return try JSONDecoder().decode([HistoryJSON].self, from: Data(run.stdout.utf8))
    }

    /// Rewrites the config with `change`, which gets its text and returns the new one; returns the new text.
    @discardableResult
    package func editConfig(_ change: (String) -> String) throws -> String {
        let text = change(try String(contentsOfFile: configPath, encoding: .utf8))
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
        return text
    }

    /// Points the sessions named (added through `extraConfig`, written before the exchange had a port) at the exchange.
    package func pointAtExchange(_ sessions: [String]) throws {
        try editConfig { text in
            sessions.reduce(text) { text, name in
                text.replacingOccurrences(of: "name = \"\(name)\"\n", with: "name = \"\(name)\"\nurl = \"\(exchange.baseURL)\"\n")
            }
        }
    }

    /// Every cancel request the exchange received, in order.
    package var cancelRequests: [RequestRecord] {
        exchange.requests.filter { $0.path.hasPrefix("/v1/order/cancel") }
    }

    /// Stops the exchange and removes the directory.
    package func tearDown() async {
        try? await exchange.shutdown()
        temporary.remove()
    }
}
