import Foundation
import GeminiClient
import SimulatedExchange
import Synchronization
import Testing

/// The libcurl transport against the simulated exchange on loopback.
@Suite struct CurlTransportTests {
    static let key = ExchangeKey(apiKey: "account-transport", secret: "transport-secret")

    /// `latency`: answers come this much later, as over a network, so parallel requests overlap whatever the load.
    func withExchange(latency: Int = 0, options: CurlTransport.Options = CurlTransport.Options(),
                      _ body: (SimulatedExchange, CurlTransport) async throws -> Void) async throws {
        let exchange = SimulatedExchange(scenario: ExchangeScenario(keys: [Self.key], latencyMilliseconds: latency, rateLimit: .unlimited))
        try await exchange.start()
        let transport = CurlTransport(options: options)
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

    @Test func requestsBeyondTheOpenConnectionsWaitForOneInNonceOrderInsteadOfOpeningMore() async throws {
        var options = CurlTransport.Options()
        options.maxConnectionsPerHost = 2
        try await withExchange(latency: 100, options: options) { exchange, transport in
            let report = await transport.warm(baseURL: exchange.baseURL, connections: 2)
            #expect(report.connections == 2)
            exchange.resetStats()
            // A deadline no loaded machine reaches: the requests wait at the gate, four waves of one round trip.
            let results = try await api(exchange, transport, timeout: .seconds(60)).send((0..<7).map { _ in PrivateCall(path: "/v1/heartbeat") })
            #expect(results.allSatisfy { if case .success(let r) = $0 { r.status == 200 } else { false } })
            #expect(exchange.connectionsAccepted == 0, "every request rode a warm connection")
            let nonces = exchange.requests.compactMap(\.nonce)
            #expect(nonces.count == 7 && nonces == nonces.sorted(), "the key's requests arrived in nonce order")
        }
    }

    @Test func aWaitingRequestGoesWhenTheConnectionFreesEvenIfNothingElseIsInFlight() async throws {
        var options = CurlTransport.Options()
        options.maxConnectionsPerHost = 1
        // The transport thread sleeps this long when nothing is in flight: a waiting request must not wait for it.
        options.keepAliveInterval = .seconds(3600)
        try await withExchange(options: options) { exchange, transport in
            let results = try await api(exchange, transport, timeout: .seconds(30)).send((0..<3).map { _ in PrivateCall(path: "/v1/heartbeat") })
            for result in results {
                guard case .success(let response) = result, response.status == 200 else { Issue.record("\(result)"); continue }
            }
            #expect(exchange.connectionsAccepted == 1)
        }
    }

    @Test func aRequestStillWaitingForAConnectionAtItsDeadlineWasNeverSentAndEndsThen() async throws {
        var options = CurlTransport.Options()
        options.maxConnectionsPerHost = 1
        try await withExchange(options: options) { exchange, transport in
            exchange.setFault(FaultRule(fault: .hang), forKey: Self.key.apiKey)
            let hungEnded = Mutex(false)
            let api = try api(exchange, transport, timeout: .seconds(6))  // long enough that a starved test process still finds it hung
            let (left, leaving) = AsyncStream.makeStream(of: Void.self)
            async let hung = { () async -> Result<HTTPResponse, GeminiError> in
                defer { hungEnded.withLock { $0 = true } }
                return await api.send([PrivateCall(path: "/v1/heartbeat")], onSent: { _ in leaving.yield() })[0]
            }()
            // The one connection is busy with the hung request until its timeout: this one waits, then runs out.
            for await _ in left { break }
            let sentFlag = Mutex<Bool?>(nil)
            let waited: Result<HTTPResponse, TransportFailure> = await withCheckedContinuation { continuation in
                transport.start(HTTPRequest(method: .get, url: exchange.baseURL + "/v1/symbols", timeout: .milliseconds(200)),
                                sent: { left in sentFlag.withLock { $0 = left } }, completion: { continuation.resume(returning: $0) })
            }
            guard case .failure(.notSent) = waited else { Issue.record("expected notSent, got \(waited)"); return }
            #expect(sentFlag.withLock { $0 } == false)
            // libcurl's own queue of pending transfers would have kept it until the connection freed.
            #expect(!hungEnded.withLock { $0 }, "it ended at its own deadline, not when the connection freed")
            guard case .failure(.transport(.sentNoAnswer)) = await hung else { Issue.record("the hung request should time out as sent"); return }
            #expect(exchange.requests.count == 1, "the waiting request never reached the exchange")
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
