import Foundation
import GeminiClient
import SimulatedExchange
import Testing

@Suite struct ConnectionTests {
    @Test func symbolsAnswersWithoutAuthentication() async throws {
        try await Harness.with(Fixture.scenario()) { h in
            let response = try await h.get("/v1/symbols").response()
            #expect(response.status == 200)
            #expect(try response.decode([String].self).contains("btcusd"))
            let record = try #require(h.exchange.requests.last)
            #expect(record.apiKey == nil && record.path == "/v1/symbols" && record.status == 200 && record.nonce == nil)
        }
    }

    @Test func sequentialRequestsShareOneKeptAliveConnection() async throws {
        try await Harness.with(Fixture.scenario()) { h in
            let warm = try await h.get("/v1/symbols").response()
            let call = try await h.post("/v1/heartbeat", key: Fixture.trader, nonce: 1).response()
            let again = try await h.post("/v1/heartbeat", key: Fixture.trader, nonce: 2).response()
            #expect([warm.status, call.status, again.status] as [Int] == [200, 200, 200])
            #expect(h.exchange.connectionsAccepted == 1)
            #expect(call.newConnections == 0 && again.newConnections == 0)
        }
    }

    @Test func connectionsAreCountedAndStatsReset() async throws {
        try await Harness.with(Fixture.scenario()) { h in
            let second = CurlTransport()
            defer { second.shutdown() }
            _ = try await h.get("/v1/symbols").response()
            _ = try await second.send(HTTPRequest(method: .get, url: h.url("/v1/symbols"), timeout: .seconds(5))).response()
            #expect(h.exchange.connectionsAccepted == 2)
            #expect(h.exchange.requests.count == 2)
            h.exchange.resetStats()
            #expect(h.exchange.connectionsAccepted == 0 && h.exchange.requests.isEmpty)
        }
    }

    @Test func shutdownDoesNotWaitForHungRequests() async throws {
        var scenario = Fixture.scenario()
        scenario.faults[Fixture.trader.apiKey] = FaultRule(fault: .hang)
        let exchange = SimulatedExchange(scenario: scenario)
        try await exchange.start()
        let transport = CurlTransport()
        defer { transport.shutdown() }
        let signed = Signer.sign(path: "/v1/heartbeat", nonce: 1, credentials: Fixture.trader.credentials)
        let pending = Task {
            await transport.send(HTTPRequest(method: .post, url: exchange.baseURL + "/v1/heartbeat", headers: signed.headers, timeout: .seconds(30)))
        }
        // Waiting for an event, not timing it: a loaded machine may take seconds to deliver the request.
        #expect(try await eventually(timeout: .seconds(30)) { exchange.requests.count == 1 }, "the hung request never arrived")

        let started = ContinuousClock.now
        try await exchange.shutdown()
        // Well under the hung request's own 30 s (which shutdown would wait for if it waited), with room for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(15))
        guard case .failure(let failure) = await pending.value else {
            Issue.record("a hung request got an answer")
            return
        }
        #expect(failure.wasSent)
    }

    @Test func startingTwiceIsRefused() async throws {
        try await Harness.with(Fixture.scenario()) { h in
            #expect(h.exchange.port > 0)
            #expect(h.exchange.baseURL == "http://127.0.0.1:\(h.exchange.port)")
            await #expect(throws: SimulatedExchangeError.alreadyStarted) { try await h.exchange.start() }
        }
    }
}
