import GeminiClient
import Testing

@Suite struct CancelRetryTests {
    @Test func okFirstTime() async {
        let transport = ScriptedTransport([.success(ScriptedTransport.ok([1, 2], [3]))])
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: fastPolicy)[0]
        #expect(report.outcome == .ok && report.attempts == 1)
        #expect(report.details == CancelDetails(cancelled: [1, 2], rejected: [3]))
    }

    @Test func aMasterKeysAccountsLeaveTogetherInNonceOrder() async {
        let transport = ScriptedTransport([])
        let accounts = (1...20).map { "sub-\($0)" }
        let reports = await makeAPI(transport, apiKey: "master-m").cancel(.session, accounts: accounts, policy: fastPolicy)
        #expect(reports.map(\.outcome) == Array(repeating: .ok, count: 20))
        #expect(transport.seen.map(\.account) == accounts)
        let nonces = transport.seen.map(\.nonce)
        #expect(nonces == nonces.sorted() && Set(nonces).count == 20)
    }

    @Test func concurrentCallersOnOneKeyHandOverInNonceOrder() async {
        let transport = ScriptedTransport([])
        let api = makeAPI(transport)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<50 { group.addTask { _ = await api.cancel(.session, accounts: [nil], policy: fastPolicy) } }
        }
        let nonces = transport.seen.map(\.nonce)
        #expect(nonces.count == 50)
        #expect(nonces == nonces.sorted())
    }

    @Test func unknownThenResent() async {
        let transport = ScriptedTransport([.failure(.sentNoAnswer("Timeout was reached")), .success(ScriptedTransport.ok([7]))])
        let observer = RecordingObserver()
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: fastPolicy, observer: observer)[0]
        #expect(report.outcome == .ok && report.attempts == 2 && report.details.cancelled == [7])
        #expect(observer.all == ["left 1", "failed 1 NoAnswer retry", "will 2", "left 2"])
    }

    @Test func invalidNonceIsResignedWithALargerNonce() async {
        let transport = ScriptedTransport([ScriptedTransport.error(400, "InvalidNonce")])
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: fastPolicy)[0]
        #expect(report.outcome == .ok && report.attempts == 2)
        #expect(transport.seen[1].nonce > transport.seen[0].nonce)
    }

    @Test func persistentInvalidNonceExplainsAnotherClientIsAhead() async {
        let transport = ScriptedTransport([], then: ScriptedTransport.error(400, "InvalidNonce"))
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: fastPolicy)[0]
        #expect(report.outcome == .error)
        #expect(report.attempts == fastPolicy.maxNonceRetries + 1)
        #expect(report.message?.contains("another client using this API key is ahead") == true)
        #expect(report.message?.contains("nonce_unit = \"us\"") == true)
    }

    @Test(arguments: [
        (ScriptedTransport.error(403, "MissingRole"), "MissingRole"),
        (ScriptedTransport.error(400, "InvalidSignature"), "InvalidSignature"),
        (ScriptedTransport.error(400, "MissingAccountName"), "MissingAccountName"),
    ])
    func definitiveErrorsAreNotResent(answer: ScriptedTransport.Answer, reason: String) async {
        let transport = ScriptedTransport([answer])
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: fastPolicy)[0]
        #expect(report.outcome == .error && report.attempts == 1 && report.error?.reasonText == reason)
        #expect(transport.seen.count == 1)
    }

    /// Issue 9 item 11: the last attempt, cut short by the deadline, only timed out; an earlier one had found the cause.
    @Test func theMostTellingCauseAcrossAttemptsIsReported() async {
        let dns = TransportFailure.notSent("host name not found (DNS) (curl: Couldn't resolve host name)")
        let timeout = TransportFailure.notSent("could not connect in time (timeout) (curl: Timeout was reached)")
        let transport = ScriptedTransport([.failure(timeout), .failure(dns), .failure(timeout)], then: .failure(timeout))
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: fastPolicy)[0]
        #expect(report.outcome == .error && report.error?.reasonText == "NotSent")
        #expect(report.message?.contains("host name not found (DNS)") == true, "\(report.message ?? "")")
    }

    @Test func neverSentEverywhereIsAnErrorNotUnknown() async {
        let transport = ScriptedTransport([], then: .failure(.notSent("Couldn't connect to server")))
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: fastPolicy)[0]
        #expect(report.outcome == .error && report.attempts == fastPolicy.maxAttempts)
    }

    @Test func onceSentWithoutAnswerTheEndIsUnknownEvenIfLaterAttemptsFailCleanly() async {
        let transport = ScriptedTransport([.failure(.sentNoAnswer("reset"))], then: ScriptedTransport.error(503, "Maintenance"))
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: fastPolicy)[0]
        #expect(report.outcome == .unknown)
        #expect(report.details == CancelDetails())
        #expect(report.message?.contains("may have reached the exchange") == true)
    }

    @Test func rateLimitThenSuccess() async {
        let transport = ScriptedTransport([ScriptedTransport.error(429, "RateLimit"), ScriptedTransport.error(429, "RateLimit")])
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: fastPolicy)[0]
        #expect(report.outcome == .ok && report.attempts == 3)
    }

    @Test func theDeadlineBoundsResends() async {
        let policy = RetryPolicy(deadline: .milliseconds(300), attemptTimeout: .milliseconds(100), maxAttempts: 100,
                                 initialBackoff: .milliseconds(40), maxBackoff: .milliseconds(40))
        let transport = ScriptedTransport([], then: ScriptedTransport.error(500, "System"))
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: policy)[0]
        #expect(report.outcome == .unknown)
        #expect(report.attempts < policy.maxAttempts, "the deadline, not the attempt count, ended it")
    }

    @Test func aRequestTheTransportResentAndTheExchangeRefusedAsARepeatIsUnknown() async {
        var resent = ScriptedTransport.error(400, "InvalidNonce")
        if case .success(var response) = resent { response.timesSent = 2; resent = .success(response) }
        let transport = ScriptedTransport([resent], then: ScriptedTransport.error(503, "Maintenance"))
        let observer = RecordingObserver()
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: fastPolicy, observer: observer)[0]
        #expect(report.outcome == .unknown, "the first copy reached the exchange, whatever the later attempts say")
        #expect(observer.all.first { $0.hasPrefix("failed 1") } == "failed 1 NoAnswer retry")
    }

    static func answer(_ status: Int, _ body: String, headers: [String: String] = [:]) -> ScriptedTransport.Answer {
        .success(HTTPResponse(status: status, body: Array(body.utf8), headers: headers))
    }

    @Test(arguments: [
        (answer(404, ""), "HTTP404", GeminiErrorKind.notFound),
        (answer(403, #"{"error":"MissingRole","message":"OrderStatus required"}"#), "MissingRole", .missingRole),
        (answer(403, "<html>Forbidden by the firewall</html>"), "HTTP403", .invalidRequest),
        (answer(301, "", headers: ["location": "https://api.gemini.com/v1/order/cancel/session"]), "Redirected", .redirected),
    ])
    func refusalsAndRedirectsAreSentOnceAndAreErrors(answer: ScriptedTransport.Answer, reason: String, kind: GeminiErrorKind) async {
        let transport = ScriptedTransport([answer])
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: fastPolicy)[0]
        #expect(report.outcome == .error && report.attempts == 1, "\(report)")
        #expect(report.error?.reasonText == reason && report.error?.kind == kind)
        #expect(transport.seen.count == 1)
    }

    @Test func aRedirectNamesWhereTheEntryPointMoved() async {
        let transport = ScriptedTransport([Self.answer(302, "", headers: ["location": "https://api.gemini.com/v1/order/cancel/session"])])
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: fastPolicy)[0]
        #expect(report.message?.contains("moved to https://api.gemini.com/v1/order/cancel/session") == true, "\(report.message ?? "")")
        #expect(report.message?.contains("does not follow redirects") == true)
    }

    @Test func aRateLimitInOtherWordsIsStillARateLimit() async {
        let transport = ScriptedTransport([Self.answer(429, #"{"result":"error","reason":"Too Many Requests","message":"Too Many Requests"}"#)])
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: fastPolicy)[0]
        #expect(report.outcome == .ok && report.attempts == 2)
    }

    @Test func retryAfterHoldsTheResendAndIsShown() async {
        let transport = ScriptedTransport([Self.answer(429, #"{"result":"error","reason":"RateLimit","message":"slow down"}"#,
                                                       headers: ["retry-after": "1"])])
        let observer = FirstErrorObserver()
        let started = ContinuousClock.now
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: fastPolicy, observer: observer)[0]
        #expect(report.outcome == .ok && report.attempts == 2)
        #expect(ContinuousClock.now - started >= .seconds(1), "the re-send waited for Retry-After")
        #expect(observer.first?.retryAfter == .seconds(1))
        #expect(observer.first?.retryNotice(resending: true) == "rate limited; re-sending in 1 s")
    }

    @Test func aRetryAfterBeyondTheDeadlineEndsTheCancelAtOnceSayingSo() async {
        let transport = ScriptedTransport([Self.answer(429, #"{"result":"error","reason":"RateLimit","message":"slow down"}"#,
                                                       headers: ["retry-after": "30"])])
        let started = ContinuousClock.now
        let policy = RetryPolicy(deadline: .seconds(5), attemptTimeout: .seconds(1))
        let report = await makeAPI(transport).cancel(.session, accounts: [nil], policy: policy)[0]
        #expect(ContinuousClock.now - started < .seconds(25), "did not wait for a Retry-After it could not honour")
        #expect(transport.seen.count == 1)
        #expect(report.outcome == .error && report.attempts == 1)
        #expect(report.error?.retryAfter == .seconds(30))
        #expect(report.message?.contains("the exchange asks to wait 30 s, beyond what was left of the cancel deadline") == true, "\(report.message ?? "")")
    }

    @Test func aRetryAfterOnAnyCallHoldsTheKeysResends() async throws {
        // A heartbeat's 429 asks for 1 s; a cancel that then meets a 429 without one still waits for that second.
        let transport = ScriptedTransport([Self.answer(429, "Too Many Requests", headers: ["retry-after": "1"]),
                                           Self.answer(429, "Too Many Requests")])
        let api = makeAPI(transport)
        let started = ContinuousClock.now
        await #expect(throws: GeminiError.self) { try await api.heartbeat() }
        let report = await api.cancel(.session, accounts: [nil], policy: fastPolicy)[0]
        #expect(report.outcome == .ok && report.attempts == 2)
        #expect(ContinuousClock.now - started >= .seconds(1))
    }
}
