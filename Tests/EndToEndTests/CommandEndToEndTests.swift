import Foundation
import TestSupport
import Testing

/// The other subcommands, config errors and secret sources, through the real binary.
@Suite struct CommandEndToEndTests {
    @Test func sessionsListsEveryTargetWithMaskedKeys() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        let run = try await fixture.gdesk(["sessions", "--json"])
        #expect(run.status == 0)
        struct Row: Decodable { var session: String; var account: String?; var key: String; var environment: String }
        let rows = try JSONDecoder().decode([Row].self, from: Data(run.stdout.utf8))
        #expect(rows.map { "\($0.session)/\($0.account ?? "")" } == ["alpha/", "group/primary", "group/desk-2", "group/desk-3", "viewer/", "hb/", "faulty/"])
        #expect(rows[0].key == "…0001" && rows[0].environment == "production")
        #expect(!run.stdout.contains("account-alpha0001"))
    }

    @Test func globalOptionsWorkAfterTheSubcommandToo() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        let run = try await GDeskBinary.run(["sessions", "--config", fixture.configPath, "--history", fixture.historyPath],
                                            environment: fixture.environment, in: fixture.directory)
        #expect(run.status == 0 && run.stdout.contains("group/desk-3"))
    }

    @Test func explainSaysWhyARejectedOrderCouldNotBeCancelled() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        _ = try await fixture.cancelJSON(["alpha", "group/desk-2"])
        let filled = try await fixture.gdesk(["explain", "alpha", "103"])
        #expect(filled.stdout.contains("already filled"), "\(filled.stdout)\(filled.stderr)")
        let cancelled = try await fixture.gdesk(["explain", "group/desk-2", "203"])
        #expect(cancelled.stdout.contains("already cancelled"), "\(cancelled.stdout)\(cancelled.stderr)")
        let missing = try await fixture.gdesk(["explain", "alpha", "999"])
        #expect(missing.stdout.contains("not found"))
    }

    @Test func historyFiltersAndListsRejects() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        _ = try await fixture.cancelJSON(["alpha", "group/desk-2"])
        #expect(try await fixture.historyJSON(["--session", "group"]).map(\.account) == ["desk-2"])
        #expect(try await fixture.historyJSON(["--since", "1h"]).count == 2)
        let text = try await fixture.gdesk(["history", "--account", "desk-2"])
        #expect(text.stdout.contains("rejected: 203"))
        let bad = try await fixture.gdesk(["history", "--since", "yesterday-ish"])
        #expect(bad.status != 0 && bad.stderr.contains("--since"))
    }

    @Test func checkRunsThePreflightWithoutTouchingHeartbeatKeys() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        let run = try await fixture.gdesk(["check"])
        #expect(run.status == 2, "viewer lacks the Trader role")
        #expect(run.stdout.contains("NO TRADER ROLE"))
        #expect(run.stdout.contains("Require-Heartbeat key"))
        #expect(!fixture.exchange.requests.contains { $0.apiKey == "account-hb000004" }, "no authenticated call on the heartbeat key")
    }

    @Test func badConfigNamesFileLineAndKeyAndExits78() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        let text = try fixture.editConfig {
            $0.replacingOccurrences(of: "secret_file = \"secrets/faulty\"", with: "secret_fiel = \"secrets/faulty\"")
        }
        let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("secret_fiel") }! + 1
        let run = try await fixture.gdesk(["sessions"])
        #expect(run.status == 78)
        #expect(run.stderr.contains("\(fixture.configPath):\(line):"), "\(run.stderr)")
        #expect(run.stderr.contains("secret_fiel"))
    }

    @Test func aSecretFileOthersCanReadIsRefusedForThatSessionOnly() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        chmod(fixture.directory + "/secrets/alpha", 0o644)
        let (run, rows) = try await fixture.cancelJSON(["alpha", "faulty"])
        #expect(run.status == 2)
        #expect(rows.first?.outcome == "error" && rows.first?.message?.contains("chmod 600") == true)
        #expect(rows.last?.outcome == "ok")
        #expect(!fixture.exchange.requests.contains { $0.apiKey == "account-alpha0001" })
    }

    @Test func missingConfigSaysWhereItGoes() async throws {
        let temporary = try TemporaryDirectory(prefix: "gdesk-e2e")
        defer { temporary.remove() }
        let directory = temporary.path
        let run = try await GDeskBinary.run(["sessions"], environment: ["HOME": directory], in: directory)
        #expect(run.status == 78)
        #expect(run.stderr.contains(directory + "/.config/gdesk/config.toml"))
        #expect(run.stderr.contains("gdesk demo"))
    }
}
