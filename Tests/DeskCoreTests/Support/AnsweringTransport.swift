import Foundation
import GeminiClient
import Synchronization

/// A transport in memory: each request is answered at once by `answer`, which sees the request as the exchange
/// would (path, account, and how many requests came before it). Keeps every request it was handed.
final class AnsweringTransport: HTTPTransport, Sendable {
    /// A request as the exchange reads it.
    struct Seen: Sendable, Equatable {
        var path: String
        var account: String?
        /// 0 for the first request the transport was handed.
        var index: Int
    }

    private let answer: @Sendable (Seen) -> Result<HTTPResponse, TransportFailure>
    private let seen = Mutex<[Seen]>([])

    init(answer: @escaping @Sendable (Seen) -> Result<HTTPResponse, TransportFailure> = { _ in .success(AnsweringTransport.ok()) }) {
        self.answer = answer
    }

    /// Every request handed over, in order.
    var requests: [Seen] { seen.withLock { $0 } }

    /// `{"result":"ok"}` with these order IDs.
    static func ok(cancelled: [UInt64] = [1, 2], rejected: [UInt64] = []) -> HTTPResponse {
        let list = { (ids: [UInt64]) in "[" + ids.map(String.init).joined(separator: ",") + "]" }
        let body = #"{"result":"ok","details":{"cancelledOrders":\#(list(cancelled)),"cancelRejects":\#(list(rejected))}}"#
        return HTTPResponse(status: 200, body: Array(body.utf8))
    }

    /// An answer the exchange gives while it is down for maintenance (safe to re-send).
    static func unavailable() -> HTTPResponse {
        HTTPResponse(status: 503, body: Array(#"{"result":"error","reason":"System","message":"down"}"#.utf8))
    }

    func start(_ request: HTTPRequest, sent: @escaping @Sendable (Bool) -> Void,
               completion: @escaping @Sendable (Result<HTTPResponse, TransportFailure>) -> Void) {
        let payload = Self.payload(request)
        let request = seen.withLock { all in
            let one = Seen(path: payload["request"] as? String ?? "?", account: payload["account"] as? String, index: all.count)
            all.append(one)
            return one
        }
        let result = answer(request)
        sent(true)
        completion(result)
    }

    func warm(baseURL: String, connections: Int) async -> WarmReport {
        WarmReport(baseURL: baseURL, connections: connections, httpVersion: 1)
    }

    var connectionsOpened: Int { 0 }

    // The signed JSON payload of `request`.
    private static func payload(_ request: HTTPRequest) -> [String: Any] {
        guard let header = request.headers.first(where: { $0.0 == "X-GEMINI-PAYLOAD" })?.1,
              let data = Data(base64Encoded: header),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }
}
