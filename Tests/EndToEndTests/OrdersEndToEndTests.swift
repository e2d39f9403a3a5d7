import Foundation
import SimulatedExchange
import TestSupport
import Testing

/// `gdesk orders` through the real binary and its `gdesk-monitor` sidecar, against the simulated exchange.
@Suite struct OrdersEndToEndTests {
    static let auditorSecret = "audit-SECRET-9a9a"

    struct Row: Decodable {
        struct Order: Decodable { var order_id: UInt64; var symbol: String; var side: String; var price: String?; var remaining: String? }
        var session: String
        var account: String?
        var live: [Order]
        var source: String
        var as_of: String?
    }

    /// The desk fixture plus an Auditor master key as its `[[monitor]]`.
    static func fixture() async throws -> DeskFixture {
        var scenario = DeskFixture.scenario()
        scenario.keys.append(ExchangeKey(apiKey: "master-audit0006", secret: auditorSecret, roles: ExchangeRoles(isTrader: false, isAuditor: true),
                                         accounts: ["primary", "desk-2", "desk-3"].map { ExchangeAccount(name: $0) }))
        scenario.orderEventsHeartbeatMilliseconds = 200
        let fixture = try await DeskFixture(scenario: scenario)
        FileManager.default.createFile(atPath: fixture.directory + "/secrets/audit", contents: Data(auditorSecret.utf8),
                                       attributes: [.posixPermissions: 0o600])
        let config = try String(contentsOfFile: fixture.configPath, encoding: .utf8) + """


            [[monitor]]
            name = "auditor"
            api_key = "master-audit0006"
            secret_file = "secrets/audit"
            url = "\(fixture.exchange.baseURL)"
            """
        try config.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        return fixture
    }

    static let tradingKeys = ["account-alpha0001", "master-group0002", "account-viewer0003", "account-hb000004", "account-faulty005"]

    @Test func ordersFromTheStreamPerSession() async throws {
        let fixture = try await Self.fixture()
        defer { Task { await fixture.tearDown() } }
        let run = try await fixture.gdesk(["orders", "alpha", "group/desk-2", "--json", "--stream-wait-ms", "10000"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try JSONDecoder().decode([Row].self, from: Data(run.stdout.utf8))
        #expect(rows.map(\.session) == ["alpha", "group"] && rows.map(\.source) == ["stream", "stream"])
        #expect(rows[0].live.map(\.order_id).sorted() == [101, 102, 103, DeskFixture.bigID])
        #expect(rows[1].account == "desk-2" && rows[1].live.map(\.order_id) == [202, 203])
        #expect(rows.allSatisfy { $0.as_of?.hasSuffix("Z") == true })
        #expect(rows[0].live.first?.symbol == "btcusd" && rows[0].live.first?.side == "buy")
        // Field names are the contract.
        #expect(run.stdout.contains("\"order_id\"") && run.stdout.contains("\"remaining\"") && run.stdout.contains("\"as_of\""))
        for key in Self.tradingKeys { #expect(fixture.exchange.authenticatedCalls(apiKey: key).isEmpty, "\(key)") }
        #expect(!run.stdout.contains(Self.auditorSecret) && !run.stderr.contains(Self.auditorSecret))
    }

    @Test func withoutTheStreamRESTFiguresPerAccount() async throws {
        let fixture = try await Self.fixture()
        defer { Task { await fixture.tearDown() } }
        fixture.exchange.setOrderEventsAvailable(false)
        let run = try await fixture.gdesk(["orders", "group/desk-2", "--json", "--stream-wait-ms", "300"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try JSONDecoder().decode([Row].self, from: Data(run.stdout.utf8))
        #expect(rows.map(\.source) == ["rest"] && rows[0].live.map(\.order_id) == [202, 203])
        #expect(fixture.exchange.authenticatedCalls(apiKey: "master-audit0006")["/v1/orders"] == 1)
        for key in Self.tradingKeys { #expect(fixture.exchange.authenticatedCalls(apiKey: key).isEmpty, "\(key)") }
        // The text form says where the figures come from and what they cover.
        let text = try await fixture.gdesk(["orders", "group/desk-2", "--stream-wait-ms", "300"])
        #expect(text.stdout.contains("rest") && text.stdout.contains("every session's orders"))
    }
}
