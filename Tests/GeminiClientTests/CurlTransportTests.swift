import Foundation
import GeminiClient
import SimulatedExchange
import Synchronization
import Testing

/// The libcurl transport against the simulated exchange on loopback.
@Suite struct CurlTransportTests {
    static let key = ExchangeKey(apiKey: "account-transport", secret: "transport-secret")

    /// `latency`: answers come this much later, as over a network, so parallel requests overlap whatever the load.
    func withExchange(latency: Int = 0, _ body: (SimulatedExchange, CurlTransport) async throws -> Void) async throws {
        let exchange = SimulatedExchange(scenario: ExchangeScenario(keys: [Self.key], latencyMilliseconds: latency, rateLimit: .unlimited))
        try await exchange.start()
        let transport = CurlTransport()
        do {
            try await body(exchange, transport)
        } catch {
            transport.shutdown()
            try await exchange.shutdown()
            throw error
        }
        transport.shutdown()
        try await exchange.shutdown()
    }

    func api(_ exchange: SimulatedExchange, _ transport: CurlTransport, timeout: Duration = .seconds(2)) throws -> GeminiAPI {
        GeminiAPI(credentials: Credentials(apiKey: Self.key.apiKey, secret: APISecret(Self.key.secret)), baseURL: try BaseURL(exchange.baseURL),
                  transport: transport, nonces: NonceStore(directory: nil), requestTimeout: timeout)
    }

    @Test func warmUpOpensOneConnectionPerTargetAndRequestsRideThem() async throws {
        try await withExchange(latency: 200) { exchange, transport in
            let report = await transport.warm(baseURL: exchange.baseURL, connections: 5)
            #expect(report == WarmReport(baseURL: exchange.baseURL, connections: 5, httpVersion: 1))
            #expect(!exchange.requests.contains { $0.apiKey != nil }, "warm-up makes no authenticated call")
            let opened = exchange.connectionsAccepted
            #expect(opened == 5)
            let reports = try await api(exchange, transport).cancel(.session, accounts: [nil])
            #expect(reports.map(\.outcome) == [.ok])
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<5 { group.addTask { _ = try? await self.api(exchange, transport).roles() } }
            }
            #expect(exchange.connectionsAccepted == opened, "no new connection after warm-up")
        }
    }

    @Test func aRefusedConnectionWasNeverSent() async throws {
        let transport = CurlTransport()
        defer { transport.shutdown() }
        let sentFlag = Mutex<Bool?>(nil)
        let result: Result<HTTPResponse, TransportFailure> = await withCheckedContinuation { continuation in
            // Port 1 on loopback: nothing listens there.
            transport.start(HTTPRequest(method: .post, url: "http://127.0.0.1:1/v1/order/cancel/session", timeout: .seconds(2)),
                            sent: { left in sentFlag.withLock { $0 = left } },
                            completion: { continuation.resume(returning: $0) })
        }
        guard case .failure(.notSent) = result else { Issue.record("expected notSent, got \(result)"); return }
        #expect(sentFlag.withLock { $0 } == false)
    }

    @Test func aHungRequestWasSentWithoutAnswer() async throws {
        try await withExchange { exchange, transport in
            exchange.setFault(FaultRule(fault: .hang), forKey: Self.key.apiKey)
            let result = try await api(exchange, transport, timeout: .milliseconds(200)).send([PrivateCall(path: "/v1/heartbeat")])[0]
            guard case .failure(.transport(.sentNoAnswer)) = result else { Issue.record("expected sentNoAnswer, got \(result)"); return }
        }
    }

    @Test func afterShutdownRequestsFailAsNotSentAndShutdownIsIdempotent() async throws {
        let transport = CurlTransport()
        transport.shutdown()
        transport.shutdown()
        let result = await transport.send(HTTPRequest(method: .get, url: "http://127.0.0.1:1/", timeout: .seconds(1)))
        guard case .failure(.notSent) = result else { Issue.record("expected notSent, got \(result)"); return }
    }

    @Test func aTransportDroppedWithoutShutdownStopsItsThread() async throws {
        try await withExchange { exchange, _ in
            for _ in 0..<20 {
                let transport = CurlTransport()
                _ = await transport.send(HTTPRequest(method: .get, url: exchange.baseURL + "/v1/symbols", timeout: .seconds(1)))
            }
            // Each dropped transport's thread stops and frees its handle; none may touch freed memory.
            let after = await CurlTransport().send(HTTPRequest(method: .get, url: exchange.baseURL + "/v1/symbols", timeout: .seconds(1)))
            guard case .success(let response) = after else { Issue.record("\(after)"); return }
            #expect(response.status == 200)
        }
    }
}
