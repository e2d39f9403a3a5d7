import Foundation
import Logging

/// The private API of one Gemini key (one *session*), for every subaccount of a master key.
///
/// Requests of one key leave in nonce order: `send` reserves a run of nonces, hands the signed requests to
/// the transport in that order, and lets the next request of the key take its nonces only once these have
/// left. A loser that still arrives late (`InvalidNonce`) is re-signed and re-sent by `cancel`.
public final class GeminiAPI: Sendable {
    public let credentials: Credentials
    public let baseURL: BaseURL
    public let nonceUnit: NonceUnit
    public let transport: any HTTPTransport
    public let nonces: NonceStore
    public let requestTimeout: Duration
    let logger: Logger
    /// Re-sends after a 429 take turns here.
    let pacer = RatePacer()

    public init(credentials: Credentials, baseURL: BaseURL, nonceUnit: NonceUnit = .milliseconds,
                transport: any HTTPTransport, nonces: NonceStore, requestTimeout: Duration = .seconds(3),
                logger: Logger = Logger(label: "gdesk.client", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.credentials = credentials
        self.baseURL = baseURL
        self.nonceUnit = nonceUnit
        self.transport = transport
        self.nonces = nonces
        self.requestTimeout = requestTimeout
        self.logger = logger
    }

    // MARK: Endpoints

    /// `POST /v1/heartbeat`: resets a Require-Heartbeat key's timer.
    public func heartbeat() async throws(GeminiError) {
        let response = try await sendOne(PrivateCall(path: "/v1/heartbeat")).get()
        try ResponseParser.heartbeat(status: response.status, headers: response.headers, body: response.body).get()
    }

    /// `POST /v1/roles`.
    public func roles() async throws(GeminiError) -> Roles {
        let response = try await sendOne(PrivateCall(path: "/v1/roles")).get()
        return try ResponseParser.roles(status: response.status, headers: response.headers, body: response.body).get()
    }

    /// `POST /v1/account/list` (master keys): the subaccounts.
    public func accounts() async throws(GeminiError) -> [SubAccount] {
        let response = try await sendOne(PrivateCall(path: "/v1/account/list", parameters: ["limit_accounts": .integer(500)])).get()
        return try ResponseParser.accounts(status: response.status, headers: response.headers, body: response.body).get()
    }

    /// `POST /v1/order/status`.
    public func orderStatus(_ orderID: UInt64, account: String? = nil) async throws(GeminiError) -> OrderStatus {
        let call = PrivateCall.on("/v1/order/status", account: account, ["order_id": .integer(orderID)])
        let response = try await sendOne(call).get()
        return try ResponseParser.orderStatus(status: response.status, headers: response.headers, body: response.body).get()
    }

    /// Cancels on every account in `accounts` (nil: the key's own account) at once, re-sending where safe,
    /// and reports each. The first attempts leave together in nonce order.
    public func cancel(_ endpoint: CancelEndpoint, accounts: [String?], policy: RetryPolicy = RetryPolicy(),
                       observer: (any CancelObserver)? = nil) async -> [CancelReport] {
        let started = ContinuousClock.now
        let calls = accounts.map { PrivateCall.on(endpoint.rawValue, account: $0) }
        let firsts = AnswerBoard<Result<HTTPResponse, GeminiError>>(count: calls.count)
        return await withTaskGroup(of: (Int, CancelReport)?.self) { group in
            group.addTask {
                await self.dispatch(calls, timeout: min(policy.attemptTimeout, policy.deadline), deadline: started + policy.deadline,
                                    onSent: { index in observer?.attemptLeft(account: accounts[index], attempt: 1) },
                                    answer: firsts.set)
                return nil
            }
            // Each account settles (re-sends included) as soon as its own first answer is in: the re-sends of those that
            // left first never wait for a paced time-based fan-out to finish.
            for (index, account) in accounts.enumerated() {
                group.addTask {
                    let first = await firsts.value(at: index)
                    let report = await self.settle(calls[index], account: account, first: first, started: started,
                                                   policy: policy, observer: observer)
                    await observer?.settled(report)
                    return (index, report)
                }
            }
            var reports = [CancelReport?](repeating: nil, count: accounts.count)
            for await case let (index, report)? in group { reports[index] = report }
            return reports.map { $0! }
        }
    }

    // MARK: Sending

    /// Signs and sends `calls` in nonce order; answers in the same order. `onSent(i)` fires when call i has left.
    ///
    /// Each request has `timeout` (the API's own by default), cut to what is left before `deadline`. A time-based key
    /// (`.seconds`) sends at once as many as fit within the nonce window around the clock and the rest as the clock
    /// moves on; those that cannot leave before `deadline` (default: one `timeout` from now) end `notSent`, saying why.
    public func send(_ calls: [PrivateCall], timeout: Duration? = nil, deadline: ContinuousClock.Instant? = nil,
                     onSent: (@Sendable (Int) -> Void)? = nil) async -> [Result<HTTPResponse, GeminiError>] {
        guard !calls.isEmpty else { return [] }
        let answers = AnswerBoard<Result<HTTPResponse, GeminiError>>(count: calls.count)
        await dispatch(calls, timeout: timeout ?? requestTimeout, deadline: deadline, onSent: onSent, answer: answers.set)
        return await answers.all()
    }

    /// Leases nonces, signs and hands `calls` to the transport in nonce order (a time-based key's in paced runs), and
    /// hands each call's answer to `answer` as it comes, once per index. Returns once every call has been
    /// handed over or failed; answers may still be on their way.
    private func dispatch(_ calls: [PrivateCall], timeout: Duration, deadline: ContinuousClock.Instant?,
                          onSent: (@Sendable (Int) -> Void)?,
                          answer: @escaping @Sendable (Int, Result<HTTPResponse, GeminiError>) -> Void) async {
        let deadline = deadline ?? .now + timeout
        var next = 0
        while next < calls.count {
            let lease = await nonces.lease(apiKey: credentials.apiKey, unit: nonceUnit, count: calls.count - next)
            for notice in lease.notices {
                logger.warning("nonce state", metadata: ["key": "\(credentials.maskedKey)", "notice": "\(notice)"])
            }
            guard lease.count > 0 else {
                lease.release()
                // A time-based key's window is full: one more nonce fits each second.
                let waitNanoseconds = Int(1_000_000_000 - nonces.epochNanoseconds() % 1_000_000_000) + 1_000_000
                let wait = Duration.nanoseconds(waitNanoseconds)
                guard ContinuousClock.now + wait < deadline - .milliseconds(100) else {
                    let why = "time-based nonces: \(next) of \(calls.count) requests fitted within ±\(NonceStore.timeBasedWindowSeconds) s "
                        + "of the clock before the deadline and this one could not leave (one more fits each second); "
                        + "a key with increasing nonces has no such limit"
                    for index in next..<calls.count { answer(index, .failure(.transport(.notSent(why)))) }
                    break
                }
                // Not Task.sleep: a cancelled task would spin here; a cancel that has started goes on to its end.
                await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                    DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(waitNanoseconds)) { done.resume() }
                }
                continue
            }
            let chunk = Array(next..<next + lease.count)
            let limit = min(timeout, max(deadline - .now, .milliseconds(1)))
            let requests = zip(chunk, lease.nonces).map { index, nonce in
                let call = calls[index]
                let signed = Signer.sign(path: call.path, nonce: nonce, parameters: call.parameters, credentials: credentials)
                return HTTPRequest(method: .post, url: baseURL.string + call.path, headers: signed.headers, timeout: limit)
            }
            let departures = Countdown(chunk.count) { lease.release() }
            for (index, request) in zip(chunk, requests) {
                transport.start(request, sent: { left in
                    if left { onSent?(index) }
                    departures.tick()
                }, completion: { [pacer] result in
                    // A Retry-After on any call's refusal holds the key's re-sends (first attempts never wait).
                    if case .success(let response) = result, response.status >= 400,
                       let wait = response.headers["retry-after"].flatMap({ RetryAfter.parse($0) }) {
                        pacer.hold(until: .now + wait)
                    }
                    answer(index, Self.readable(result))
                })
            }
            next += lease.count
        }
    }

    /// A transport result as the API reads it: a body cut off at the transport's cap is unreadable.
    static func readable(_ result: Result<HTTPResponse, TransportFailure>) -> Result<HTTPResponse, GeminiError> {
        result.mapError { .transport($0) }.flatMap { response in
            guard response.truncated else { return .success(response) }
            return .failure(.unreadable(status: response.status, detail: "the answer was larger than gdesk reads "
                                        + "(cut off after \(response.body.count) bytes)"))
        }
    }

    func sendOne(_ call: PrivateCall, timeout: Duration? = nil) async -> Result<HTTPResponse, GeminiError> {
        await send([call], timeout: timeout)[0]
    }

    // MARK: Re-sending a cancel

    private func settle(_ call: PrivateCall, account: String?, first: Result<HTTPResponse, GeminiError>, started: ContinuousClock.Instant,
                        policy: RetryPolicy, observer: (any CancelObserver)?) async -> CancelReport {
        let deadline = started + policy.deadline
        var result = first
        var attempt = 1
        var mayHaveActed = false
        var nonceRetries = 0
        var backoff = policy.initialBackoff
        // The most telling reason an attempt did not leave: a later attempt cut short by the deadline often only says
        // "timeout" where an earlier one had found the cause (the host name does not resolve, the port refuses).
        var tellingNotSent: GeminiError?
        // Whether the last Retry-After reached past the deadline (so the cancel ended without waiting for it).
        var waitedBeyondDeadline = false
        while true {
            let verdict = CancelVerdict(result)
            switch verdict {
            case .ok(let details):
                return CancelReport(account: account, outcome: .ok, details: details, attempts: attempt, latency: .now - started)
            case .final(var error), .retry(var error, _):
                mayHaveActed = mayHaveActed || error.outcomeUnknown
                if case .transport(.notSent(let why)) = error {
                    if let telling = tellingNotSent, TransportFailure.isTimeout(why) { error = telling } else { tellingNotSent = error }
                }
                if case .retry(_, let immediate) = verdict {
                    if error.isInvalidNonce { nonceRetries += 1 }
                    let now = ContinuousClock.now
                    let remaining = deadline - now
                    // A Retry-After holds every re-send of the key until then; a 429 without one takes its turn at the
                    // key's rate; anything else backs off (or goes at once with a fresh nonce).
                    if let retryAfter = error.retryAfter { pacer.hold(until: now + retryAfter) }
                    let pause = error.isRateLimit || error.retryAfter != nil ? pacer.turn(spacing: policy.rateLimitSpacing, now: now) - now
                        : immediate ? Duration.zero : Self.jittered(backoff)
                    waitedBeyondDeadline = error.retryAfter != nil && remaining <= pause + .milliseconds(50)
                    let canRetry = attempt < policy.maxAttempts && nonceRetries <= policy.maxNonceRetries
                        && remaining > pause + .milliseconds(50)
                    observer?.attemptFailed(account: account, attempt: attempt, error: error, willRetry: canRetry)
                    logger.info("cancel attempt failed", metadata: ["key": "\(credentials.maskedKey)", "account": "\(account ?? "-")",
                                                                    "attempt": "\(attempt)", "error": "\(error.reasonText)", "retry": "\(canRetry)",
                                                                    "wait": "\(pause.milliseconds) ms"])
                    if canRetry {
                        if pause > .zero { try? await Task.sleep(for: pause) }
                        if !immediate && !error.isRateLimit && error.retryAfter == nil { backoff = min(backoff * 2, policy.maxBackoff) }
                        attempt += 1
                        await observer?.attemptWillLeave(account: account, attempt: attempt)
                        let left = max(deadline - .now, .milliseconds(1))
                        let thisAttempt = attempt
                        result = await send([call], timeout: min(policy.attemptTimeout, left), deadline: deadline) { _ in
                            observer?.attemptLeft(account: account, attempt: thisAttempt)
                        }[0]
                        continue
                    }
                } else {
                    observer?.attemptFailed(account: account, attempt: attempt, error: error, willRetry: false)
                }
                return CancelReport(account: account, outcome: mayHaveActed ? .unknown : .error, error: error,
                                    message: explain(error, attempts: attempt, nonceRetries: nonceRetries, mayHaveActed: mayHaveActed,
                                                     retryAfterBeyondDeadline: waitedBeyondDeadline),
                                    attempts: attempt, latency: .now - started)
            }
        }
    }

    static func jittered(_ duration: Duration) -> Duration {
        duration * Double.random(in: 0.75...1.25)
    }

    func explain(_ error: GeminiError, attempts: Int, nonceRetries: Int, mayHaveActed: Bool, retryAfterBeyondDeadline: Bool = false) -> String {
        var text = error.message
        if error.isInvalidNonce {
            let diagnosis = NonceDiagnosis(exchangeMessage: error.message, unit: nonceUnit,
                                           marks: nonces.storedMarks(apiKey: credentials.apiKey), epochNanoseconds: nonces.epochNanoseconds())
            text = "InvalidNonce \(nonceRetries) times in a row: \(diagnosis.explanation)"
        } else if error.kind == .missingRole {
            text += " (the key needs the Trader role to cancel)"
        } else if retryAfterBeyondDeadline, let retryAfter = error.retryAfter {
            text += " (\(error.retryNotice(resending: false) ?? "the exchange asks to wait \(retryAfter.spokenSeconds)"), "
                + "beyond what was left of the cancel deadline: not re-sent)"
        } else if error.isRateLimit {
            text += " (the key's rate limit: re-sends went in turn at its rate and did not all fit in the cancel deadline)"
        }
        if mayHaveActed {
            text += " — an attempt may have reached the exchange: check the orders before assuming they are live or gone"
        }
        if attempts > 1 { text += " [\(attempts) attempts]" }
        return text
    }
}

/// What to do after one cancel attempt.
enum CancelVerdict {
    case ok(CancelDetails)
    /// Safe to re-send: immediately (a fresh nonce fixes it) or after a pause.
    case retry(GeminiError, immediate: Bool)
    case final(GeminiError)

    init(_ result: Result<HTTPResponse, GeminiError>) {
        let error: GeminiError
        switch result {
        case .success(let response):
            switch ResponseParser.cancel(status: response.status, headers: response.headers, body: response.body) {
            case .success(let details):
                self = .ok(details)
                return
            case .failure(let e) where e.isInvalidNonce && response.timesSent > 1:
                // The transport re-sent the same signed request after its connection died; the exchange refused the
                // repeat because it had already seen that nonce, so the first copy reached it and may have acted.
                error = .transport(.sentNoAnswer("connection lost after the request was sent; the exchange refused the repeat (InvalidNonce), so the first copy reached it"))
            case .failure(let e): error = e
            }
        case .failure(let e): error = e
        }
        switch error.kind {
        case .invalidNonce: self = .retry(error, immediate: true)
        // Refused for the load or a failure on the exchange's side: it may take the same request later.
        case .rateLimited, .serviceError: self = .retry(error, immediate: false)
        case .unreadable, .transport: self = .retry(error, immediate: false)
        // A 408 (the server gave up waiting for the request) did nothing and may be sent again.
        case .invalidRequest where error.status == 408: self = .retry(error, immediate: false)
        // The exchange refused the request, or it went to the wrong place (a 404, a 30x): sending it again changes nothing.
        default: self = .final(error)
        }
    }
}

extension GeminiError {
    var isInvalidNonce: Bool { kind == .invalidNonce }

    /// A 429, or a `RateLimit` reason, whatever words the body used.
    var isRateLimit: Bool { kind == .rateLimited }
}
