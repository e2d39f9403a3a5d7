import Foundation
import GeminiClient
import Synchronization

/// A transport that answers from a script and records what was handed to it, in hand-over order.
final class ScriptedTransport: HTTPTransport, Sendable {
    struct Seen: Sendable { var path: String; var nonce: UInt64; var account: String? }
    typealias Answer = Result<HTTPResponse, TransportFailure>

    private let answers: Mutex<[Answer]>
    private let fallback: Answer
    private let log = Mutex<[Seen]>([])

    init(_ answers: [Answer], then fallback: Answer = .success(ScriptedTransport.ok())) {
        self.answers = Mutex(answers)
        self.fallback = fallback
    }

    static func ok(_ cancelled: [UInt64] = [], _ rejected: [UInt64] = []) -> HTTPResponse {
        let body = #"{"result":"ok","details":{"cancelledOrders":\#(cancelled),"cancelRejects":\#(rejected)}}"#
        return HTTPResponse(status: 200, body: Array(body.utf8))
    }

    static func error(_ status: Int, _ reason: String) -> Answer {
        .success(HTTPResponse(status: status, body: Array(#"{"result":"error","reason":"\#(reason)","message":"scripted \#(reason)"}"#.utf8)))
    }

    var seen: [Seen] { log.withLock { $0 } }
    var connectionsOpened: Int { 0 }

    func start(_ request: HTTPRequest, sent: @escaping @Sendable (Bool) -> Void,
               completion: @escaping @Sendable (Result<HTTPResponse, TransportFailure>) -> Void) {
        let payload = request.headers.first { $0.0 == "X-GEMINI-PAYLOAD" }!.1
        let object = try! JSONSerialization.jsonObject(with: Data(base64Encoded: payload)!) as! [String: Any]
        log.withLock {
            $0.append(Seen(path: object["request"] as! String, nonce: (object["nonce"] as! NSNumber).uint64Value,
                           account: object["account"] as? String))
        }
        let answer = answers.withLock { $0.isEmpty ? fallback : $0.removeFirst() }
        if case .failure(.notSent) = answer { sent(false) } else { sent(true) }
        // Answer from elsewhere, as a real transport would.
        DispatchQueue.global().async { completion(answer) }
    }

    func warm(baseURL: String, connections: Int) async -> WarmReport {
        WarmReport(baseURL: baseURL, connections: connections, httpVersion: 1)
    }
}

/// Records what a cancel's observer was told.
final class RecordingObserver: CancelObserver {
    let events = Mutex<[String]>([])
    func attemptWillLeave(account: String?, attempt: Int) async { events.withLock { $0.append("will \(attempt)") } }
    func attemptLeft(account: String?, attempt: Int) { events.withLock { $0.append("left \(attempt)") } }
    func attemptFailed(account: String?, attempt: Int, error: GeminiError, willRetry: Bool) {
        events.withLock { $0.append("failed \(attempt) \(error.reasonText) \(willRetry ? "retry" : "final")") }
    }
    var all: [String] { events.withLock { $0 } }
}

func makeAPI(_ transport: ScriptedTransport, apiKey: String = "account-test", nonces: NonceStore = NonceStore(directory: nil)) -> GeminiAPI {
    GeminiAPI(credentials: Credentials(apiKey: apiKey, secret: APISecret("secret")), baseURL: try! BaseURL("http://127.0.0.1:1"),
              transport: transport, nonces: nonces)
}

/// Short pauses, and a deadline far enough that the attempt limits, not a loaded machine's scheduling, end a cancel:
/// the tests that use it count attempts.
let fastPolicy = RetryPolicy(deadline: .seconds(60), attemptTimeout: .seconds(1), maxAttempts: 6, maxNonceRetries: 3,
                             initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(4))
