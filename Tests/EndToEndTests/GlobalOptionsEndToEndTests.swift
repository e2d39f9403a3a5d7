import Foundation
import TestSupport
import Testing

/// The global options after the subcommand, through the real binary: the config and the history they name are the
/// ones used (the fixture's own `gdesk` puts them first).
@Suite struct GlobalOptionsEndToEndTests {
    @Test func globalOptionsAfterTheSubcommandNameTheConfigAndHistoryUsed() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        let globals = ["--config", fixture.configPath, "--history", fixture.historyPath]
        let run = try await GDeskBinary.run(["cancel", "alpha", "--yes", "--json"] + globals, environment: fixture.environment,
                                            in: fixture.directory)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let rows = try JSONDecoder().decode([CancelJSON].self, from: Data(run.stdout.utf8))
        #expect(rows.map(\.session) == ["alpha"] && rows.first?.outcome == "ok")
        #expect(fixture.cancelRequests.map(\.apiKey) == ["account-alpha0001"])

        // Written to the history named after the subcommand, read back with it named before and after.
        let before = try await fixture.historyJSON()
        #expect(before.map(\.session) == ["alpha"])
        let after = try await GDeskBinary.run(["history", "--json", "--history", fixture.historyPath, "--config", fixture.configPath],
                                              environment: fixture.environment, in: fixture.directory)
        #expect(try JSONDecoder().decode([HistoryJSON].self, from: Data(after.stdout.utf8)).map(\.id) == before.map(\.id))
    }

    @Test func readOnlyBeforeTheSubcommandRefusesToCancel() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        let run = try await GDeskBinary.run(["--read-only", "--config", fixture.configPath, "cancel", "alpha", "--yes"],
                                            environment: fixture.environment, in: fixture.directory)
        #expect(run.status == 2 && run.stderr.contains("read-only"), "stderr: \(run.stderr)")
        #expect(fixture.cancelRequests.isEmpty)
    }
}
