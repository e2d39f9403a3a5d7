import Foundation
import GeminiClient
import SimulatedExchange
import Synchronization
import TestSupport
import Testing

extension Reliability {
    /// Item 3: gdesk processes sharing a key never lose a nonce race among themselves; a foreign client with microsecond
    /// nonces is named as the cause, and `nonce_unit = "us"` lets gdesk work beside it.
    @Suite struct Nonces {
        @Test func fourProcessesOnOneKeyNeverSendAStaleNonce() async throws {
            var scenario = DeskFixture.scenario(latency: 2)
            scenario.rateLimit = .unlimited
            let fixture = try await DeskFixture(scenario: scenario)
            defer { Task { await fixture.tearDown() } }
            let perProcess = Scale.count("NONCE_RUNS", ci: 25, torture: 250)
            let start = ContinuousClock.now
            let failures = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var failures: [String] = []
                        for run in 0..<perProcess {
                            let (result, rows) = try await fixture.cancelJSON(["alpha"])
                            if result.status != 0 || rows.first?.outcome != "ok" || rows.first?.attempts != 1 {
                                failures.append("worker \(worker) run \(run): status \(result.status), \(rows.first.map { "\($0.outcome) \($0.reason ?? "") after \($0.attempts)" } ?? result.stderr)")
                            }
                        }
                        return failures
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let elapsed = ContinuousClock.now - start
            let cancels = fixture.exchange.requests.filter { $0.apiKey == "account-alpha0001" && $0.path == "/v1/order/cancel/session" }
            let stale = cancels.filter { $0.reason == "InvalidNonce" }.count
            let nonces = cancels.compactMap(\.nonce)
            #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
            #expect(stale == 0)
            #expect(cancels.count == 4 * perProcess)
            #expect(nonces == nonces.sorted() && Set(nonces).count == nonces.count, "nonces arrived strictly increasing")
            #expect(SecretAudit.leaks(in: fixture.directory).isEmpty, "\(SecretAudit.leaks(in: fixture.directory))")
            Report.note("nonces", "4 gdesk processes × \(perProcess) cancels on one key: \(cancels.count) requests at the exchange, "
                            + "\(stale) InvalidNonce, \(failures.count) runs not ok at the first attempt, \(elapsed.milliseconds) ms")
        }

        @Test func aMicrosecondClientIsNamedAndNonceUnitUsWorksBesideIt() async throws {
            let fixture = try await DeskFixture(scenario: DeskFixture.scenario(latency: 2))
            defer { Task { await fixture.tearDown() } }
            // Another client on alpha's key, calling every 10 ms with microsecond nonces.
            let transport = CurlTransport()
            let bot = GeminiAPI(credentials: Credentials(apiKey: "account-alpha0001", secret: APISecret(DeskFixture.alphaSecret)),
                                baseURL: try BaseURL(fixture.exchange.baseURL), nonceUnit: .microseconds, transport: transport,
                                nonces: NonceStore(directory: nil))
            let calls = Mutex(0)
            let running = Task {
                while !Task.isCancelled {
                    if (try? await bot.heartbeat()) != nil { calls.withLock { $0 += 1 } }
                    try? await Task.sleep(for: .milliseconds(10))
                }
            }
            defer {
                running.cancel()
                transport.shutdown()
            }
            try await Task.sleep(for: .milliseconds(100))

            // gdesk in milliseconds loses every race, and says why and what to do, in JSON, in text and in the history.
            let (run, rows) = try await fixture.cancelJSON(["alpha"])
            let row = try #require(rows.first, "\(run.stderr)")
            #expect(run.status == 2 && row.outcome == "error" && row.reason == "InvalidNonce")
            #expect(row.message?.contains("microseconds, set nonce_unit = \"us\"") == true, "\(row.message ?? "")")
            let text = try await fixture.gdesk(["cancel", "alpha", "--yes"])
            #expect(text.stdout.contains("nonce_unit = \"us\""), "\(text.stdout)")
            let history = try await fixture.historyJSON()
            #expect(history.count == 2 && history.allSatisfy { $0.reason == "InvalidNonce" })

            // With nonce_unit = "us" it works beside the other client, every time.
            try fixture.editConfig { $0.replacingOccurrences(of: "name = \"alpha\"\n", with: "name = \"alpha\"\nnonce_unit = \"us\"\n") }
            let runs = Scale.count("US_RUNS", ci: 10, torture: 100)
            var attempts: [Int] = []
            for _ in 0..<runs {
                fixture.exchange.addOrders([SimOrder(id: 101, apiKey: "account-alpha0001")])
                let (after, afterRows) = try await fixture.cancelJSON(["alpha"])
                #expect(after.status == 0 && afterRows.first?.outcome == "ok", "\(afterRows.first?.message ?? after.stderr)")
                attempts.append(afterRows.first?.attempts ?? 0)
            }
            let raced = fixture.exchange.requests.filter { $0.path == "/v1/order/cancel/session" && $0.reason == "InvalidNonce" }.count
            #expect(SecretAudit.leaks(in: fixture.directory).isEmpty, "\(SecretAudit.leaks(in: fixture.directory))")
            Report.note("nonces", "a microsecond client beside gdesk (\(calls.withLock { $0 }) calls): gdesk in ms ends error "
                            + "InvalidNonce naming nonce_unit = \"us\"; with \"us\", \(runs)/\(runs) cancels ok, "
                            + "\(attempts.reduce(0, +)) attempts in all, \(raced) InvalidNonce answers at the exchange (all runs)")
        }
    }
}
