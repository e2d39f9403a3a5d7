import Foundation
@testable import GeminiClient
import SimulatedExchange
import Testing

/// Issue 9 item 7 against the simulated exchange: each kind of `InvalidNonce` is told for what it is, and time-based
/// keys never send outside the exchange's ±30 s, however large the fan-out.
@Suite(.serialized) struct NonceDiagnosisTests {
    static let account = ExchangeKey(apiKey: "account-nonces", secret: "nonces-secret")
    static let timed = ExchangeKey(apiKey: "account-timed", secret: "timed-secret", timeBasedNonce: true)
    static let timedMaster = ExchangeKey(apiKey: "master-timed", secret: "timed-master-secret",
                                         accounts: (1...60).map { ExchangeAccount(name: "sub-\($0)") }, timeBasedNonce: true)

    static func with(_ body: (SimulatedExchange, CurlTransport) async throws -> Void) async throws {
        let exchange = SimulatedExchange(scenario: ExchangeScenario(keys: [account, timed, timedMaster], rateLimit: .unlimited))
        try await exchange.start()
        let transport = CurlTransport()
        defer { transport.shutdown() }
        do { try await body(exchange, transport) } catch {
            try await exchange.shutdown()
            throw error
        }
        try await exchange.shutdown()
    }

    static func api(_ exchange: SimulatedExchange, _ transport: CurlTransport, _ key: ExchangeKey, unit: NonceUnit,
                    nonces: NonceStore = NonceStore(directory: nil)) throws -> GeminiAPI {
        GeminiAPI(credentials: Credentials(apiKey: key.apiKey, secret: APISecret(key.secret)), baseURL: try BaseURL(exchange.baseURL),
                  nonceUnit: unit, transport: transport, nonces: nonces)
    }

    /// Generous: on a loaded machine an attempt can take seconds, and these tests are about what the answers say.
    static let policy = RetryPolicy(deadline: .seconds(10), attemptTimeout: .seconds(5), initialBackoff: .milliseconds(10))

    @Test func anotherClientAheadIsNamedWithTheUnitsThatWouldFit() async throws {
        try await Self.with { exchange, transport in
            // A nanosecond client (Gemini's own CLI) has used the key.
            exchange.setLastNonce(NonceStore.systemClock(), forKey: Self.account.apiKey)
            let report = try await Self.api(exchange, transport, Self.account, unit: .milliseconds).cancel(.session, accounts: [nil], policy: Self.policy)[0]
            let message = report.message ?? ""
            #expect(report.outcome == .error && report.error?.reasonText == "InvalidNonce")
            #expect(message.contains("another client using this API key is ahead"), "\(message)")
            #expect(message.contains("nonce_unit = \"us\"") && message.contains("nonce_unit = \"ns\""), "\(message)")
            // With the unit it names, the cancel goes through.
            let ns = try await Self.api(exchange, transport, Self.account, unit: .nanoseconds).cancel(.session, accounts: [nil], policy: Self.policy)[0]
            #expect(ns.outcome == .ok)
        }
    }

    @Test func ourOwnStoredNonceAheadIsToldApart() async throws {
        try await Self.with { exchange, transport in
            // gdesk once signed this key in nanoseconds (the mark is in its store), then was set back to milliseconds.
            let store = NonceStore(directory: nil)
            let ns = try await Self.api(exchange, transport, Self.account, unit: .nanoseconds, nonces: store).cancel(.session, accounts: [nil], policy: Self.policy)[0]
            #expect(ns.outcome == .ok)
            let report = try await Self.api(exchange, transport, Self.account, unit: .milliseconds, nonces: store).cancel(.session, accounts: [nil], policy: Self.policy)[0]
            let message = report.message ?? ""
            #expect(report.outcome == .error)
            #expect(message.contains("gdesk's own stored nonce on this key is ahead of the clock"), "\(message)")
            #expect(message.contains("nonce_unit = \"ns\""), "\(message)")
            #expect(!message.contains("another client"), "\(message)")
        }
    }

    @Test func aTimeBasedKeyIsToldApartByTheExchangesWords() async throws {
        try await Self.with { exchange, transport in
            let report = try await Self.api(exchange, transport, Self.timed, unit: .milliseconds).cancel(.session, accounts: [nil], policy: Self.policy)[0]
            let message = report.message ?? ""
            #expect(report.outcome == .error && report.error?.reasonText == "InvalidNonce")
            #expect(message.contains("time-based nonces") && message.contains("set nonce_unit = \"s\""), "\(message)")
            #expect(!message.contains("another client"), "\(message)")
            let seconds = try await Self.api(exchange, transport, Self.timed, unit: .seconds).cancel(.session, accounts: [nil], policy: Self.policy)[0]
            #expect(seconds.outcome == .ok)
        }
    }

    /// 60 subaccounts on a time-based master key: no request reaches the exchange outside its ±30 s (it would refuse it);
    /// 40 leave at once, the rest one a second, and those the deadline leaves no time for are not sent and say so.
    @Test func aLargeTimeBasedFanOutStaysInsideTheWindow() async throws {
        try await Self.with { exchange, transport in
            let accounts = (1...60).map { "sub-\($0)" }
            let started = ContinuousClock.now
            // The deadline is long enough that a loaded machine still answers the first 40 in time.
            let policy = RetryPolicy(deadline: .seconds(6), attemptTimeout: .seconds(6))
            let reports = try await Self.api(exchange, transport, Self.timedMaster, unit: .seconds)
                .cancel(.session, accounts: accounts, policy: policy)
            let elapsed = ContinuousClock.now - started
            let requests = exchange.requests.filter { $0.apiKey == Self.timedMaster.apiKey }
            #expect(requests.allSatisfy { $0.reason == nil }, "refused: \(requests.filter { $0.reason != nil }.map { "\($0.nonce ?? 0) \($0.reason ?? "")" })")
            // Time-based nonces need not arrive in order (over several connections they may not), only never repeat.
            let nonces = requests.compactMap(\.nonce)
            #expect(Set(nonces).count == nonces.count)
            let ok = reports.filter { $0.outcome == .ok }.count
            #expect(ok >= 40 && ok < 60, "40 at once, then about one a second within the deadline: \(ok)")
            let unsent = reports.filter { $0.outcome != .ok }
            #expect(unsent.allSatisfy { $0.outcome == .error && ($0.message ?? "").contains("time-based nonces") },
                    "\(unsent.map { "\($0.outcome) \($0.attempts) \($0.message ?? "")" })")
            #expect(requests.count <= 60 && requests.count >= ok)
            print("[nonces] time-based master key, 60 subaccounts, 6 s deadline: \(ok) ok (40 at once, then one a second), \(60 - ok) not sent, saying why; \(requests.count) requests at the exchange, 0 refused, \(elapsed.milliseconds) ms")
        }
    }
}
