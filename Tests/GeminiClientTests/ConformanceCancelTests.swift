import Foundation
import GeminiClient
import SimulatedExchange
import Synchronization
import Testing

/// `http/errors` cases as the answer to a real cancel: the simulated exchange answers the case verbatim once (fault
/// `answer`), then as usual; the client reads it through libcurl. The first attempt's error is checked for kind,
/// status, reason and retry-after, the cancel for its outcome, attempts and (429) the wait before the re-send. One
/// case at a time: eleven exchanges and transports starting together would load the machine for everyone.
@Suite(.serialized) struct ConformanceCancelTests {
    static let key = ExchangeKey(apiKey: "conformance-api-key", secret: "conformance-api-secret")

    @Test(arguments: ConformanceSuite.caseIDs("http/errors"))
    func answeredToACancel(id: String) async throws {
        let c = try ErrorCase(id)
        let exchange = SimulatedExchange(scenario: ExchangeScenario(keys: [Self.key], orders: [SimOrder(id: 7, apiKey: Self.key.apiKey)],
                                                                    rateLimit: .unlimited))
        try await exchange.start()
        let transport = CurlTransport()
        defer {
            transport.shutdown()
            Task { try? await exchange.shutdown() }
        }
        exchange.setFault(FaultRule(fault: .answer(VerbatimAnswer(status: c.status, headers: c.headers, body: c.body)), remaining: 1),
                          forKey: Self.key.apiKey)
        let api = GeminiAPI(credentials: Credentials(apiKey: Self.key.apiKey, secret: APISecret(Self.key.secret)),
                            baseURL: try BaseURL(exchange.baseURL), transport: transport, nonces: NonceStore(directory: nil))
        let observer = FirstErrorObserver()
        // Deadlines no loaded machine reaches: the case's answer, not the machine's speed, decides how the cancel ends.
        let policy = RetryPolicy(deadline: .seconds(120), attemptTimeout: .seconds(30))
        let report = await api.cancel(.session, accounts: [nil], policy: policy, observer: observer)[0]

        let error = try #require(observer.first, "\(id): the first attempt did not fail")
        #expect(error.kind.rawValue == c.kind, "\(id): \(error)")
        #expect(error.status == c.status, "\(id)")
        if let reason = c.reason { #expect(error.reasonText == reason, "\(id): \(error)") }
        #expect(error.retryAfter == c.retryAfterSeconds.map { .seconds($0) }, "\(id)")
        #expect(report.outcome.rawValue == c.cancelOutcome, "\(id): \(report.outcome) \(report.message ?? "")")
        #expect(report.attempts == c.cancelAttempts, "\(id): \(report.attempts) attempts")
        let arrivals = exchange.requests.filter { $0.path == CancelEndpoint.session.rawValue }.map(\.arrival)
        #expect(arrivals.count == c.cancelAttempts, "\(id)")
        if let seconds = c.resentAfterSeconds, arrivals.count == 2 {
            let gap = arrivals[1].timeIntervalSince(arrivals[0])
            // Never early; late only by scheduling, which a loaded machine stretches (the figure: scripts/conformance).
            #expect(gap >= Double(seconds), "\(id): re-sent \(gap) s after")
        }
    }
}

extension ConformanceCancelTests {
    /// Not a case of Gemini's suite but its docs' status table: a 30x means the entry point moved. Through libcurl, not
    /// followed, sent once, an error naming the Location.
    @Test func aRedirectIsReportedOnceNamingItsLocation() async throws {
        let exchange = SimulatedExchange(scenario: ExchangeScenario(keys: [Self.key], rateLimit: .unlimited))
        try await exchange.start()
        let transport = CurlTransport()
        defer {
            transport.shutdown()
            Task { try? await exchange.shutdown() }
        }
        let moved = "https://api.gemini.com/v1/order/cancel/session"
        exchange.setFault(FaultRule(fault: .redirect(location: moved)), forKey: Self.key.apiKey)
        let api = GeminiAPI(credentials: Credentials(apiKey: Self.key.apiKey, secret: APISecret(Self.key.secret)),
                            baseURL: try BaseURL(exchange.baseURL), transport: transport, nonces: NonceStore(directory: nil))
        let report = await api.cancel(.session, accounts: [nil], policy: RetryPolicy(deadline: .seconds(120), attemptTimeout: .seconds(30)))[0]
        #expect(report.outcome == .error && report.attempts == 1)
        #expect(report.error == .redirected(status: 301, location: moved))
        #expect(report.message?.contains("moved to \(moved)") == true, "\(report.message ?? "")")
        #expect(exchange.requests.count == 1, "sent once, and nothing went to the Location")
    }
}

/// Keeps the first failed attempt's error.
final class FirstErrorObserver: CancelObserver {
    private let errors = Mutex<[GeminiError]>([])
    var first: GeminiError? { errors.withLock { $0.first } }
    func attemptWillLeave(account: String?, attempt: Int) async {}
    func attemptLeft(account: String?, attempt: Int) {}
    func attemptFailed(account: String?, attempt: Int, error: GeminiError, willRetry: Bool) { errors.withLock { $0.append(error) } }
}
