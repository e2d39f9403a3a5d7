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
}
