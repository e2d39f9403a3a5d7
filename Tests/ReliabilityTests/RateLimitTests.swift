import Foundation
import SimulatedExchange
import TestSupport
import Testing

extension Reliability {
    /// Item 7: a panic over more targets of one key than the key's rate limit lets through at once ends with every target
    /// ok, paced and re-sent, in a time the summary states; a panic under the limit pays nothing for it.
    @Suite struct RateLimit {
        /// Gemini's documented limit: 600 a minute per key (10 a second) and a burst of 5, for all of a key's subaccounts.
        static let limit = RateLimitPolicy(requestsPerSecond: 10, burst: 5, perKey: true)
        static let latency = 20

        static func fixture(accounts: Int) async throws -> DeskFixture {
            var scenario = DeskFixture.scenario(latency: latency)
            scenario.rateLimit = limit
            scenario.keys.append(ExchangeKey(apiKey: "master-wide0006", secret: DeskFixture.groupSecret,
                                             accounts: (0..<accounts).map { ExchangeAccount(name: account($0)) }))
            scenario.orders += (0..<accounts).map { SimOrder(id: 60_000 + UInt64($0), apiKey: "master-wide0006", account: account($0)) }
            let fixture = try await DeskFixture(scenario: scenario, deadlineMs: 10_000, extraConfig: """
                [[session]]
                name = "wide"
                api_key = "master-wide0006"
                secret_file = "secrets/group"
                accounts = [\((0..<accounts).map { "\"\(account($0))\"" }.joined(separator: ", "))]

                """)
            try fixture.pointAtExchange(["wide"])
            return fixture
        }

        static func account(_ index: Int) -> String { String(format: "s%02d", index) }

        @Test func aPanicOverTheLimitEndsAllOKPacedWithinItsBound() async throws {
            let targets = Scale.count("RATE_TARGETS", ci: 40, torture: 100)
            let fixture = try await Self.fixture(accounts: targets)
            defer { Task { await fixture.tearDown() } }
            let names = (0..<targets).map { "wide/\(Self.account($0))" }
            let capacity = Int(Self.limit.requestsPerSecond) + Self.limit.burst

            // Under the limit: one round trip, nothing paced, nothing re-sent.
            let under = try await fixture.cancelJSON(Array(names.prefix(capacity - 5)))
            #expect(under.0.status == 0 && under.1.allSatisfy { $0.outcome == "ok" && $0.attempts == 1 }, "\(under.0.stderr)")
            let underSlowest = under.1.map(\.latency_ms).max() ?? 0
            #expect(!fixture.exchange.requests.contains { $0.reason == "RateLimit" })
            try await Task.sleep(for: .seconds(2))   // the key's bucket fills up again

            // Over the limit: every target ok, paced, within (targets - capacity) / rate plus a second.
            fixture.exchange.resetStats()
            let started = ContinuousClock.now
            let over = try await fixture.gdesk(["cancel"] + names + ["--yes"])
            let wall = ContinuousClock.now - started
            let rows = try await fixture.historyJSON(["--session", "wide", "--limit", "1000"])
            let latest = rows.prefix(targets)
            let limited = fixture.exchange.requests.filter { $0.reason == "RateLimit" }.count
            let sent = fixture.exchange.requests.filter { $0.path == "/v1/order/cancel/session" }.count
            let bound = Double(targets - capacity) / Self.limit.requestsPerSecond + 1
            let summary = over.stdout.split(separator: "\n").last.map(String.init) ?? ""
            #expect(over.status == 0, "\(over.stdout)\(over.stderr)")
            #expect(latest.count == targets && latest.allSatisfy { $0.outcome == "ok" }, "\(latest.filter { $0.outcome != "ok" }.map { "\($0.account ?? "") \($0.outcome) \($0.reason ?? "")" })")
            #expect(fixture.exchange.openOrders(apiKey: "master-wide0006").isEmpty)
            let seconds = Self.seconds(in: summary)
            #expect(seconds != nil && seconds! <= bound, "summary: \(summary); bound \(bound) s")
            #expect(SecretAudit.leaks(in: fixture.directory).isEmpty, "\(SecretAudit.leaks(in: fixture.directory))")
            Report.note("rate", "\(capacity - 5) targets on one key (limit 10/s, burst 5, per key): all ok at the first attempt, "
                            + "slowest \(underSlowest) ms; \(targets) targets: \(latest.filter { $0.outcome == "ok" }.count) ok, \(sent) requests, "
                            + "\(limited) answered 429, \(wall.milliseconds) ms for the whole command; summary \"\(summary)\" (bound \(bound) s)")
        }

        /// The seconds a summary line states: "… (2.7 s, …)".
        static func seconds(in summary: String) -> Double? {
            guard let range = summary.range(of: #"\(([0-9.]+) s"#, options: .regularExpression) else { return nil }
            return Double(summary[range].dropFirst().dropLast(2))
        }
    }
}
