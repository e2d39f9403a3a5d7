import Foundation
import GeminiClient
import TestSupport
import Testing
@testable import DeskCore

/// `[[monitor]]` tables and a session's `account`.
@Suite struct MonitorConfigTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    func load(_ text: String) throws(ConfigError) -> DeskConfig {
        let path = try! directory.write(text, to: "config.toml")
        return try ConfigLoader.load(path: path, environment: ["HOME": "/home/op"])
    }

    func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ConfigError? {
        do {
            _ = try load(text)
            Issue.record("expected a ConfigError", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    static let sessions = """
        [[session]]
        name = "bot"
        api_key = "account-bot1"
        secret_env = "BOT"
        environment = "production"
        account = "primary"

        [[session]]
        name = "group"
        api_key = "master-group"
        secret_env = "GROUP"
        environment = "production"
        """

    @Test func aMonitorParsesAndWatchesTheSessionsOfItsExchange() throws {
        let config = try load(Self.sessions + """

            [[monitor]]
            name = "desk-auditor"
            api_key = "master-auditor"
            secret_file = "secrets/auditor"
            environment = "production"

            [[monitor]]
            name = "local"
            api_key = "account-local"
            secret_command = "pass show gemini/local"
            url = "http://127.0.0.1:8080"
            """)
        #expect(config.monitors.map(\.name) == ["desk-auditor", "local"])
        let auditor = config.monitors[0]
        #expect(auditor.isMaster && auditor.secret == .file(directory.path + "/secrets/auditor") && auditor.environment == .production)
        #expect(config.monitor(for: config.sessions[0])?.name == "desk-auditor")
        #expect(config.sessions[0].account == "primary" && config.sessions[1].account == nil)
        #expect(config.monitors[1].baseURL == "http://127.0.0.1:8080")
    }

    @Test func aMonitorNeverUsesASessionsKey() {
        let error = failure(Self.sessions + """

            [[monitor]]
            name = "m"
            api_key = "account-bot1"
            secret_env = "M"
            """)
        #expect(error?.kind == .invalidValue && error?.key == "api_key" && error?.section == "monitor \"m\"")
        #expect(error?.line == 15)
        #expect(error?.description.contains("session \"bot\"") == true)
    }

    @Test func errorsNameTheMonitorsLineAndKey() {
        let unknown = failure(Self.sessions + """

            [[monitor]]
            name = "m1"
            api_key = "master-a"
            secret_env = "M"

            [[monitor]]
            name = "m2"
            api_key = "master-b"
            secret_env = "M"
            accounts = ["x"]
            """)
        #expect(unknown?.kind == .unknownKey && unknown?.key == "accounts" && unknown?.line == 22 && unknown?.section == "monitor \"m2\"")
        let noSecret = failure(Self.sessions + """

            [[monitor]]
            name = "m"
            api_key = "master-a"
            """)
        #expect(noSecret?.kind == .secretSource && noSecret?.line == 13 && noSecret?.section == "monitor \"m\"")
        let insecure = failure(Self.sessions + """

            [[monitor]]
            name = "m"
            api_key = "master-a"
            secret_env = "M"
            url = "http://example.com"
            """)
        #expect(insecure?.key == "url" && insecure?.line == 17)
        let twice = failure(Self.sessions + """

            [[monitor]]
            name = "m"
            api_key = "master-a"
            secret_env = "M"
            [[monitor]]
            name = "m"
            api_key = "master-b"
            secret_env = "M"
            """)
        #expect(twice?.key == "name" && twice?.line == 18)
        let notTables = failure("monitor = 3\n" + Self.sessions)
        #expect(notTables?.kind == .wrongType)
    }

    @Test func accountIsForAccountKeys() {
        let error = failure("""
            [[session]]
            name = "g"
            api_key = "master-g"
            secret_env = "G"
            account = "desk-2"
            """)
        #expect(error?.key == "account" && error?.line == 5)
    }
}
