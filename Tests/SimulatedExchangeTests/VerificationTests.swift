import Foundation
import GeminiClient
import SimulatedExchange
import Testing

/// A request that must fail verification, and how.
enum BrokenRequest: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case noApiKeyHeader, noPayloadHeader, noSignatureHeader, unknownKey, wrongSecret, payloadNotBase64,
         payloadNotAnObject, requestIsAnotherPath, noNonce, nonceNotANumber, nonceNotIncreased

    static let path = "/v1/order/cancel/session"
    var testDescription: String { rawValue }

    var expectedReason: String {
        switch self {
        case .noApiKeyHeader: "MissingApikeyHeader"
        case .noPayloadHeader: "MissingPayloadHeader"
        case .noSignatureHeader: "MissingSignatureHeader"
        case .unknownKey, .wrongSecret: "InvalidSignature"
        case .payloadNotBase64, .payloadNotAnObject: "InvalidJson"
        case .requestIsAnotherPath: "EndpointMismatch"
        case .noNonce: "MissingNonce"
        case .nonceNotANumber, .nonceNotIncreased: "InvalidNonce"
        }
    }

    /// Headers for the trader key, whose last accepted nonce is `last`.
    func headers(key: ExchangeKey, last: UInt64) -> [(String, String)] {
        let good = Signer.sign(path: Self.path, nonce: last + 1, credentials: key.credentials).headers
        func without(_ name: String) -> [(String, String)] { good.filter { $0.0 != name } }
        func signed(text payload: String, secret: String = key.secret) -> [(String, String)] {
            let signature = Digest.hmacSHA384Hex(key: Array(secret.utf8), message: Array(payload.utf8))
            return [("X-GEMINI-APIKEY", key.apiKey), ("X-GEMINI-PAYLOAD", payload), ("X-GEMINI-SIGNATURE", signature)]
        }
        func signed(json: String) -> [(String, String)] { signed(text: Data(json.utf8).base64EncodedString()) }
        switch self {
        case .noApiKeyHeader: return without("X-GEMINI-APIKEY")
        case .noPayloadHeader: return without("X-GEMINI-PAYLOAD")
        case .noSignatureHeader: return without("X-GEMINI-SIGNATURE")
        case .unknownKey:
            let stranger = ExchangeKey(apiKey: "account-stranger", secret: key.secret)
            return Signer.sign(path: Self.path, nonce: last + 1, credentials: stranger.credentials).headers
        case .wrongSecret:
            return signed(text: good.first { $0.0 == "X-GEMINI-PAYLOAD" }!.1, secret: "not-the-secret")
        case .payloadNotBase64: return signed(text: "this is not base64!")
        case .payloadNotAnObject: return signed(json: "[\"\(Self.path)\", \(last + 1)]")
        case .requestIsAnotherPath: return signed(json: #"{"request":"/v1/heartbeat","nonce":\#(last + 1)}"#)
        case .noNonce: return signed(json: #"{"request":"\#(Self.path)"}"#)
        case .nonceNotANumber: return signed(json: #"{"request":"\#(Self.path)","nonce":"soon"}"#)
        case .nonceNotIncreased: return signed(json: #"{"request":"\#(Self.path)","nonce":\#(last)}"#)
        }
    }
}

@Suite struct VerificationTests {
    @Test(arguments: BrokenRequest.allCases)
    func failedVerificationAnswersItsReasonAndLeavesTheNonceAlone(_ broken: BrokenRequest) async throws {
        let scenario = Fixture.scenario(orders: [SimOrder(id: 1, apiKey: Fixture.trader.apiKey)])
        try await Harness.with(scenario) { h in
            let last: UInt64 = 5000
            h.exchange.setLastNonce(last, forKey: Fixture.trader.apiKey)
            let response = try await h.send(BrokenRequest.path, headers: broken.headers(key: Fixture.trader, last: last)).response()
            #expect(response.status == 400)
            let error = try #require(response.error, "body: \(response.text)")
            #expect(error.result == "error")
            #expect(error.reason == broken.expectedReason)
            if broken == .nonceNotIncreased {
                #expect(error.message == "Nonce '5000' has not increased since your last call to the Gemini API.")
            }
            #expect(h.exchange.lastNonce(forKey: Fixture.trader.apiKey) == last)
            #expect(h.exchange.openOrders(apiKey: nil, account: nil).count == 1)
            let record = try #require(h.exchange.requests.last)
            #expect(record.status == 400 && record.reason == broken.expectedReason && !record.applied)

            // The nonce that would have come next still works.
            let good = try await h.post(BrokenRequest.path, key: Fixture.trader, nonce: last + 1).response()
            #expect(good.status == 200)
            #expect(h.exchange.lastNonce(forKey: Fixture.trader.apiKey) == last + 1)
        }
    }

    @Test func checksComeInGeminisOrder() async throws {
        try await Harness.with(Fixture.scenario()) { h in
            // A bad signature is reported before the payload is even read.
            let garbage = [("X-GEMINI-APIKEY", Fixture.trader.apiKey), ("X-GEMINI-PAYLOAD", "%%%"), ("X-GEMINI-SIGNATURE", "00")]
            let badSignature = try await h.send("/v1/heartbeat", headers: garbage).response()
            #expect(badSignature.error?.reason == "InvalidSignature")
            // The API key header is checked before the others.
            let bare = try await h.send("/v1/heartbeat", headers: []).response()
            #expect(bare.error?.reason == "MissingApikeyHeader")
        }
    }

    @Test func nonceMayBeANumericString() async throws {
        try await Harness.with(Fixture.scenario()) { h in
            let json = #"{"request":"/v1/heartbeat","nonce":"1495127793000"}"#
            let signed = Signer.sign(json: Array(json.utf8), credentials: Fixture.trader.credentials)
            let response = try await h.send("/v1/heartbeat", headers: signed.headers).response()
            #expect(response.status == 200 && response.text == #"{"result":"ok"}"#)
            #expect(h.exchange.lastNonce(forKey: Fixture.trader.apiKey) == 1_495_127_793_000)
            let replay = try await h.post("/v1/heartbeat", key: Fixture.trader, nonce: 1_495_127_793_000).response()
            #expect(replay.status == 400 && replay.error?.reason == "InvalidNonce")
        }
    }

    @Test func publishedWorkedExampleVerifies() async throws {
        let key = ExchangeKey(apiKey: "account-mykey", secret: "1234abcd")
        var scenario = Fixture.scenario(orders: [SimOrder(id: 18834, apiKey: key.apiKey)])
        scenario.keys.append(key)
        try await Harness.with(scenario) { h in
            let payload = "ewogICAgInJlcXVlc3QiOiAiL3YxL29yZGVyL3N0YXR1cyIsCiAgICAibm9uY2UiOiAxMjM0NTYsCgogICAgIm9yZGVyX2lkIjogMTg4MzQKfQo="
            let signature = "337cc8b4ea692cfe65b4a85fcc9f042b2e3f702ac956fd098d600ab15705775017beae402be773ceee10719ff70d710f"
            let headers = [("X-GEMINI-APIKEY", key.apiKey), ("X-GEMINI-PAYLOAD", payload), ("X-GEMINI-SIGNATURE", signature)]
            let response = try await h.send("/v1/order/status", headers: headers).response()
            #expect(response.status == 200, "\(response.text)")
            #expect(try response.decode(StatusBody.self).order_id == "18834")
        }
    }

    @Test func timeBasedKeysWantSecondsNearTheExchangeClock() async throws {
        let key = ExchangeKey(apiKey: "account-timed", secret: "timed-secret", timeBasedNonce: true)
        var scenario = Fixture.scenario()
        scenario.keys.append(key)
        try await Harness.with(scenario) { h in
            let now = UInt64(Date().timeIntervalSince1970)
            #expect(try await h.post("/v1/heartbeat", key: key, nonce: now).response().status == 200)
            // Not required to increase, only to be near the clock.
            #expect(try await h.post("/v1/heartbeat", key: key, nonce: now - 5).response().status == 200)
            let stale = try await h.post("/v1/heartbeat", key: key, nonce: now - 120).response()
            #expect(stale.status == 400 && stale.error?.reason == "InvalidNonce")
            // Gemini's own words, which the client reads to tell this case from another client being ahead.
            #expect(stale.error?.message.hasPrefix("Nonce '\(now - 120)' is not within 30 seconds of server time '") == true, "\(stale.text)")
            #expect(try await h.post("/v1/heartbeat", key: key, nonce: now + 29).response().status == 200)
            #expect(try await h.post("/v1/heartbeat", key: key, nonce: now + 45).response().status == 400)
            let milliseconds = try await h.post("/v1/heartbeat", key: key, nonce: now * 1000).response()
            #expect(milliseconds.status == 400 && milliseconds.error?.reason == "InvalidNonce")
        }
    }

    @Test func unknownPathIsNotFoundAndUsesNoNonce() async throws {
        try await Harness.with(Fixture.scenario()) { h in
            let response = try await h.post("/v1/order/cancel/everything", key: Fixture.trader, nonce: 10).response()
            #expect(response.status == 404 && response.error?.reason == "EndpointNotFound")
            #expect(h.exchange.lastNonce(forKey: Fixture.trader.apiKey) == nil)
            #expect(h.exchange.requests.last?.path == "/v1/order/cancel/everything")
        }
    }

    @Test func concurrentNoncesAreJudgedInArrivalOrder() async throws {
        try await Harness.with(Fixture.scenario()) { h in
            let nonces: [UInt64] = (1...16).map { $0 * 10 }.shuffled()
            let statuses = await withTaskGroup(of: Int.self) { group in
                for nonce in nonces {
                    group.addTask { (try? await h.post("/v1/heartbeat", key: Fixture.trader, nonce: nonce).response().status) ?? 0 }
                }
                return await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 || $0 == 400 })
            var highest: UInt64 = 0
            for record in h.exchange.requests {
                let nonce = try #require(record.nonce)
                if record.status == 200 {
                    #expect(nonce > highest, "accepted \(nonce) after \(highest)")
                    highest = nonce
                } else {
                    #expect(record.reason == "InvalidNonce" && nonce <= highest)
                }
            }
            #expect(h.exchange.lastNonce(forKey: Fixture.trader.apiKey) == highest)
        }
    }
}
