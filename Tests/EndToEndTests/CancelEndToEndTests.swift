import Foundation
import SimulatedExchange
import TestSupport
import Testing

/// The real gdesk binary against the simulated exchange: what it says, what the exchange saw, what the history holds.
@Suite struct CancelEndToEndTests {
    @Test func cancelOneTargetReportsExactlyWhatTheExchangeDid() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        let (run, rows) = try await fixture.cancelJSON(["alpha"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.outcome == "ok" && row.session == "alpha" && row.account == nil && row.attempts == 1)
        #expect(Set(row.cancelled) == [101, 102, DeskFixture.bigID])
        #expect(row.rejected == [103])
        #expect(fixture.exchange.openOrders(apiKey: "account-alpha0001").isEmpty)
        #expect(!fixture.exchange.openOrders(apiKey: "master-group0002").isEmpty, "other sessions untouched")

        let history = try await fixture.historyJSON()
        #expect(history.count == 1)
        #expect(history.first?.outcome == "ok" && history.first?.rejected == [103] && history.first?.user == "tester")
        #expect(Set(history.first?.cancelled ?? []) == [101, 102, DeskFixture.bigID])
        #expect(history.first?.endpoint == "/v1/order/cancel/session" && history.first?.environment == "production")
    }

    @Test func cancelAllCoversEveryTargetAndMasterSubaccountsInParallel() async throws {
        let fixture = try await DeskFixture(scenario: DeskFixture.scenario(latency: 1000), requestTimeoutMs: 5000, deadlineMs: 10000)
        defer { Task { await fixture.tearDown() } }
        let (run, rows) = try await fixture.cancelJSON(["--all"])
        #expect(run.status == 2, "viewer has no Trader role, so not every target is ok")
        let byTarget = Dictionary(uniqueKeysWithValues: rows.map { ("\($0.session)/\($0.account ?? "")", $0) })
        #expect(byTarget.count == 7)
        #expect(byTarget["group/desk-2"]?.cancelled == [202] && byTarget["group/desk-2"]?.rejected == [203])
        #expect(byTarget["group/primary"]?.outcome == "ok" && byTarget["group/desk-3"]?.cancelled == [204])
        #expect(byTarget["viewer/"]?.outcome == "error" && byTarget["viewer/"]?.reason == "MissingRole")
        #expect(byTarget["hb/"]?.cancelled == [401])
        // In parallel: every request reached the exchange before the first answer (1 s later) could have come back.
        let arrivals = fixture.exchange.requests.filter { $0.path == "/v1/order/cancel/session" }.map(\.arrival)
        #expect(arrivals.count == 7)
        #expect(arrivals.max()!.timeIntervalSince(arrivals.min()!) < 1.0)
        // The master key's three subaccounts shared one nonce sequence without a loser.
        #expect(!fixture.exchange.requests.contains { $0.reason == "InvalidNonce" })
        #expect(try await fixture.historyJSON().count == 7)
    }

    @Test(arguments: [
        (Fault.hang, "unknown", "NoAnswer"),
        (.resetAfterReceive, "unknown", "NoAnswer"),
        (.internalError, "unknown", "System"),
        (.badGatewayHTML, "unknown", "HTTP502"),
        (.truncatedJSON, "unknown", "UnreadableResponse"),
        (.maintenance, "error", "Maintenance"),
        (.rateLimited, "error", "RateLimit"),
        (.invalidNonce, "error", "InvalidNonce"),
    ])
    func everyFaultEndsInItsOwnOutcomeAndNeverOK(fault: Fault, outcome: String, reason: String) async throws {
        let fixture = try await DeskFixture(requestTimeoutMs: 300, deadlineMs: 1200)
        defer { Task { await fixture.tearDown() } }
        fixture.exchange.setFault(FaultRule(fault: fault), forKey: "account-faulty005")
        let (run, rows) = try await fixture.cancelJSON(["faulty"])
        #expect(run.status == 2)
        let row = try #require(rows.first, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(row.outcome == outcome)
        #expect(row.reason == reason)
        #expect(row.cancelled.isEmpty && row.rejected.isEmpty)
        #expect(row.attempts > 1, "re-sent at least once")
        let history = try await fixture.historyJSON()
        #expect(history.map(\.outcome) == [outcome])
        #expect(history.first?.attempts == row.attempts)
    }

    @Test func unknownIsResentAndResolved() async throws {
        let fixture = try await DeskFixture(requestTimeoutMs: 300, deadlineMs: 3000)
        defer { Task { await fixture.tearDown() } }
        fixture.exchange.setFault(FaultRule(fault: .hang, remaining: 1), forKey: "account-faulty005")
        let (run, rows) = try await fixture.cancelJSON(["faulty"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(rows.first?.outcome == "ok" && (rows.first?.attempts ?? 0) >= 2)
        // The hung first attempt cancelled 501; the second found nothing left: the result claims no more than it was told.
        #expect(rows.first?.cancelled == [])
        #expect(fixture.exchange.requests.filter { $0.path == "/v1/order/cancel/session" }.count == rows.first?.attempts)
        #expect(try await fixture.historyJSON().first?.attempts == rows.first?.attempts)
    }

    @Test func withoutYesAndWithoutATerminalNothingIsSent() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        let run = try await fixture.gdesk(["cancel", "alpha"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("refusing to cancel without --yes"))
        #expect(fixture.exchange.requests.filter { $0.apiKey != nil }.isEmpty)
        #expect(try await fixture.historyJSON().isEmpty)
    }

    @Test func readOnlyRefusesToCancel() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        let run = try await fixture.gdesk(["cancel", "alpha", "--yes", "--read-only"])
        #expect(run.status == 2 && run.stderr.contains("read-only"))
        #expect(fixture.exchange.requests.filter { $0.apiKey != nil }.isEmpty)
    }

    @Test func unknownTargetIsAnErrorAndNothingIsSentForIt() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        let (run, rows) = try await fixture.cancelJSON(["nosuch", "alpha"])
        #expect(run.status == 2)
        #expect(rows.map(\.reason) == ["UnknownTarget", nil])
        #expect(fixture.exchange.requests.filter { $0.apiKey != nil }.map(\.apiKey) == ["account-alpha0001"])
    }

    @Test func aMasterSessionStandsForAllItsSubaccountsDiscoveredWhenNotListed() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        try fixture.editConfig { $0.replacingOccurrences(of: "accounts = [\"primary\", \"desk-2\", \"desk-3\"]\n", with: "") }
        let (run, rows) = try await fixture.cancelJSON(["group"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(rows.map { $0.account ?? "-" }.sorted() == ["desk-2", "desk-3", "primary"])
        #expect(rows.allSatisfy { $0.outcome == "ok" })
        let (all, allRows) = try await fixture.cancelJSON(["--all"])
        #expect(all.status == 2, "viewer has no Trader role")
        #expect(allRows.filter { $0.session == "group" }.count == 3)
    }

    @Test func processesSharingAKeyNeverCollideOnNonces() async throws {
        let fixture = try await DeskFixture(scenario: DeskFixture.scenario(latency: 20))
        defer { Task { await fixture.tearDown() } }
        let runs = try await withThrowingTaskGroup(of: (GDeskBinary.Run, [CancelJSON]).self) { group in
            for _ in 0..<4 { group.addTask { try await fixture.cancelJSON(["group/primary", "group/desk-2", "group/desk-3"]) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(runs.allSatisfy { $0.0.status == 0 })
        #expect(runs.flatMap(\.1).allSatisfy { $0.outcome == "ok" })
        let nonces = fixture.exchange.requests.filter { $0.apiKey == "master-group0002" && $0.status == 200 }.compactMap(\.nonce)
        #expect(nonces.count >= 12)
        #expect(nonces == nonces.sorted(), "nonces arrived in increasing order")
    }

    // Making a new history switches it to WAL, and SQLite refused that at once to all but one of several processes
    // doing it together ("database is locked"): one of four cancels started together on a new machine did not run.
    @Test func processesOpeningANewHistoryTogetherAllCancel() async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        let targets = ["alpha", "group/primary", "group/desk-2", "group/desk-3"]
        let runs = try await withThrowingTaskGroup(of: GDeskBinary.Run.self) { group in
            for round in 0..<8 { group.addTask { try await fixture.cancelJSON([targets[round % targets.count]]).0 } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(runs.map(\.status) == Array(repeating: 0, count: 8), "\(runs.map(\.stderr))")
        #expect(try await fixture.historyJSON(["--limit", "100"]).count == 8)
    }

    @Test func secretsAppearNowhere() async throws {
        let fixture = try await DeskFixture(requestTimeoutMs: 300, deadlineMs: 1000)
        defer { Task { await fixture.tearDown() } }
        fixture.exchange.setFault(FaultRule(fault: .badGatewayHTML), forKey: "account-faulty005")
        var outputs: [String] = []
        for arguments in [["cancel", "--all", "--yes", "--json"], ["cancel", "--all", "--yes"], ["sessions", "--json"], ["sessions"],
                          ["history"], ["history", "--json"], ["check"], ["paths"], ["explain", "alpha", "103"]] {
            let run = try await fixture.gdesk(arguments)
            outputs += [run.stdout, run.stderr]
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: fixture.directory).filter { !$0.hasPrefix("secrets") && $0 != "config.toml" }
        for file in files {
            if let data = FileManager.default.contents(atPath: fixture.directory + "/" + file) { outputs.append(String(decoding: data, as: UTF8.self)) }
        }
        #expect(files.contains { $0.hasSuffix("gdesk.log") }, "the log was written: \(files)")
        for secret in DeskFixture.allSecrets {
            #expect(!outputs.contains { $0.contains(secret) }, "secret leaked")
        }
    }
}
