import Foundation
import GeminiClient
import SimulatedExchange
import Testing

/// A running exchange and a real HTTP client (libcurl) talking to it.
struct Harness {
    let exchange: SimulatedExchange
    let transport: CurlTransport

    /// Starts an exchange on a free port, runs `body`, then shuts both ends down even if `body` throws.
    static func with<T>(_ scenario: ExchangeScenario, _ body: (Harness) async throws -> T) async throws -> T {
        let exchange = SimulatedExchange(scenario: scenario)
        try await exchange.start()
        let harness = Harness(exchange: exchange, transport: CurlTransport())
        do {
            let result = try await body(harness)
            harness.transport.shutdown()
            try await exchange.shutdown()
            return result
        } catch {
            harness.transport.shutdown()
            try? await exchange.shutdown()
            throw error
        }
    }

    func url(_ path: String) -> String { exchange.baseURL + path }

    /// Signs a private request as `GeminiClient` does and posts it.
    func post(_ path: String, key: ExchangeKey, nonce: UInt64, parameters: [String: PayloadValue] = [:],
              timeout: Duration = .seconds(5)) async -> Result<HTTPResponse, TransportFailure> {
        let signed = Signer.sign(path: path, nonce: nonce, parameters: parameters, credentials: key.credentials)
        return await send(path, headers: signed.headers, timeout: timeout)
    }

    /// The HTTP status of a signed private request; 0 when no answer came.
    func status(_ path: String, key: ExchangeKey, nonce: UInt64, parameters: [String: PayloadValue] = [:]) async -> Int {
        (try? await post(path, key: key, nonce: nonce, parameters: parameters).response().status) ?? 0
    }

    /// Posts with exactly these headers.
    func send(_ path: String, headers: [(String, String)], timeout: Duration = .seconds(5)) async -> Result<HTTPResponse, TransportFailure> {
        await transport.send(HTTPRequest(method: .post, url: url(path), headers: headers, timeout: timeout))
    }

    func get(_ path: String) async -> Result<HTTPResponse, TransportFailure> {
        await transport.send(HTTPRequest(method: .get, url: url(path), timeout: .seconds(5)))
    }
}

extension ExchangeKey {
    var credentials: Credentials { Credentials(apiKey: apiKey, secret: APISecret(secret)) }
}

/// `{"result":"error","reason":…,"message":…}`.
struct ErrorBody: Decodable, Equatable {
    let result: String
    let reason: String
    let message: String
}

/// `{"result":"ok","details":{"cancelledOrders":[…],"cancelRejects":[…]}}`.
struct CancelBody: Decodable {
    struct Details: Decodable {
        let cancelledOrders: [UInt64]
        let cancelRejects: [UInt64]
    }
    let result: String
    let details: Details
}

/// The answer of `/v1/order/status`, the fields the tests read.
struct StatusBody: Decodable {
    let order_id: String
    let id: String
    let symbol: String
    let side: String
    let price: String
    let is_live: Bool
    let is_cancelled: Bool
    let reason: String?
    let executed_amount: String
    let original_amount: String
    let remaining_amount: String
    let timestampms: UInt64
}

enum TestFailure: Error, CustomStringConvertible {
    case noAnswer(TransportFailure)
    var description: String {
        switch self { case .noAnswer(let failure): "expected an HTTP answer, got \(failure)" }
    }
}

extension Result where Success == HTTPResponse, Failure == TransportFailure {
    /// The response, or a test failure when there was none.
    func response() throws -> HTTPResponse {
        switch self {
        case .success(let response): return response
        case .failure(let failure): throw TestFailure.noAnswer(failure)
        }
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: Data(body)) }
    var error: ErrorBody? { try? decode(ErrorBody.self) }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(5), _ condition: () -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

/// The keys and accounts most tests use.
enum Fixture {
    static let trader = ExchangeKey(apiKey: "account-trader", secret: "trader-secret")
    static let other = ExchangeKey(apiKey: "account-other", secret: "other-secret")
    static let auditor = ExchangeKey(apiKey: "account-auditor", secret: "auditor-secret",
                                     roles: ExchangeRoles(isTrader: false, isAuditor: true))
    static let master = ExchangeKey(
        apiKey: "master-group", secret: "master-secret", roles: ExchangeRoles(isAccountAdmin: true),
        accounts: [
            ExchangeAccount(name: "primary", displayName: "Primary"),
            ExchangeAccount(name: "desk-a"),
            ExchangeAccount(name: "vault", type: "custody"),
            ExchangeAccount(name: "old", status: "closed"),
        ])
    /// 2^53 + 1: a Double cannot hold it.
    static let bigID: UInt64 = 9_007_199_254_740_993
    static let hugeID: UInt64 = 18_446_744_073_709_551_614

    static func scenario(orders: [SimOrder] = [], rateLimit: RateLimitPolicy = .unlimited) -> ExchangeScenario {
        ExchangeScenario(keys: [trader, other, auditor, master], orders: orders, rateLimit: rateLimit)
    }
}

/// Polls an async `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(5), _ condition: () async -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
