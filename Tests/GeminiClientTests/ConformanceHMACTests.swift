import Foundation
import GeminiClient
import Synchronization
import TestSupport
import Testing

/// `http/hmac-requests` cases: the signed headers, the payload read losslessly, and the signature recomputed by
/// OpenSSL's command line, independently of the client's HMAC.
@Suite struct ConformanceHMACTests {
    struct Case: CustomStringConvertible {
        let id: String
        let apiKey: String
        let secret: String
        let nonce: String
        let path: String
        let fields: [(String, RawJSON)]
        let headers: [String]
        let apiKeyHeader: String
        init(_ id: String) throws {
            let json = try ConformanceSuite.load(id)
            self.id = id
            apiKey = json["credentials"]!["apiKey"]!.string!
            secret = json["credentials"]!["apiSecret"]!.string!
            nonce = json["nonce"]!.string!
            path = json["path"]!.string!
            fields = json["fields"]!.members
            headers = json["expect"]!["headers"]!.elements.map { $0.string! }
            apiKeyHeader = json["expect"]!["apiKeyHeader"]!.string!
        }
        var description: String { id }

        var credentials: Credentials { Credentials(apiKey: apiKey, secret: APISecret(secret)) }

        /// The case's fields as the client's payload parameters.
        var parameters: [String: PayloadValue] {
            Dictionary(uniqueKeysWithValues: fields.map { name, value -> (String, PayloadValue) in
                switch value {
                case .string(let s): (name, .string(s))
                case .number(let n): (name, .integer(UInt64(n)!))
                case .bool(let b): (name, .bool(b))
                default: preconditionFailure("\(name): no payload value of this type")
                }
            })
        }
    }

    @Test(arguments: ConformanceSuite.caseIDs("http/hmac-requests"))
    func signedWithTheCasesNonce(id: String) async throws {
        let c = try Case(id)
        let signed = Signer.sign(path: c.path, nonce: UInt64(c.nonce)!, parameters: c.parameters, credentials: c.credentials)
        try await check(c, headers: signed.headers, nonce: c.nonce)
    }

    /// Through the client's own sending path: its nonce, its headers, handed to the transport.
    @Test(arguments: ConformanceSuite.caseIDs("http/hmac-requests"))
    func sentByTheClient(id: String) async throws {
        let c = try Case(id)
        let transport = CapturingTransport()
        let api = GeminiAPI(credentials: c.credentials, baseURL: try BaseURL("http://127.0.0.1:1"), transport: transport,
                            nonces: NonceStore(directory: nil))
        _ = await api.send([PrivateCall(path: c.path, parameters: c.parameters)])
        let request = try #require(transport.requests.first)
        #expect(request.method == .post && request.url == "http://127.0.0.1:1" + c.path)
        try await check(c, headers: request.headers, nonce: nil)
    }

    /// Headers present and non-empty, the key header, the payload (only `request`, `nonce` and the case's fields, each with
    /// its raw JSON value), the signature. `nonce`: the exact decimal expected, or nil for any.
    private func check(_ c: Case, headers: [(String, String)], nonce: String?) async throws {
        for name in c.headers {
            let value = headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
            #expect(value?.isEmpty == false, "\(c.id): header \(name)")
        }
        #expect(headers.first { $0.0 == "X-GEMINI-APIKEY" }?.1 == c.apiKeyHeader, "\(c.id)")
        let payloadText = try #require(headers.first { $0.0 == "X-GEMINI-PAYLOAD" }?.1)
        let payload = try RawJSON(parsing: Array(try #require(Data(base64Encoded: payloadText), "\(c.id): payload not base64")))
        let names = payload.members.map(\.0)
        #expect(Set(names).count == names.count, "\(c.id): a field named twice")
        #expect(Set(names) == Set(["request", "nonce"] + c.fields.map(\.0)), "\(c.id): fields \(names)")
        #expect(payload["request"] == .string(c.path), "\(c.id)")
        // The nonce: a JSON number, or a string of the same digits (both are accepted by Gemini).
        let sentNonce: String? = switch payload["nonce"] {
        case .number(let n)?: n
        case .string(let s)?: s
        default: nil
        }
        if let nonce {
            #expect(sentNonce == nonce, "\(c.id)")
        } else {
            #expect(sentNonce.map { !$0.isEmpty && $0.allSatisfy(\.isNumber) } == true, "\(c.id): nonce \(String(describing: sentNonce))")
        }
        for (name, value) in c.fields {
            #expect(payload[name] == value, "\(c.id): \(name) is \(String(describing: payload[name])), expected \(value)")
        }
        let signature = headers.first { $0.0 == "X-GEMINI-SIGNATURE" }?.1
        let independent = try await OpenSSL.hmacSHA384Hex(key: c.secret, message: payloadText)
        #expect(signature == independent, "\(c.id)")
        #expect(signature.map { $0 == $0.lowercased() && $0.count == 96 } == true, "\(c.id): lower-case hex of 48 bytes")
    }
}

/// HMAC-SHA384 by the `openssl` command: a second implementation to check the client's against.
enum OpenSSL {
    static func hmacSHA384Hex(key: String, message: String) async throws -> String {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = try directory.write(message, to: "message")
        // The key goes as a -macopt argument: a test secret, not a real one.
        let child = try ChildProcess.start("/usr/bin/openssl", ["dgst", "-sha384", "-mac", "HMAC", "-macopt", "key:\(key)", "-hex", "-r"],
                                           environment: ["PATH": "/usr/bin:/bin"], directory: directory.path, input: input,
                                           output: directory.path + "/digest")
        guard await child.wait() == 0 else { return "openssl failed" }
        let text = try String(contentsOfFile: directory.path + "/digest", encoding: .utf8)
        return text.split(separator: " ").first.map(String.init) ?? ""
    }
}

/// Records the requests handed to it and answers each with an ok heartbeat.
final class CapturingTransport: HTTPTransport, Sendable {
    private let seen = Mutex<[HTTPRequest]>([])
    var requests: [HTTPRequest] { seen.withLock { $0 } }
    var connectionsOpened: Int { 0 }

    func start(_ request: HTTPRequest, sent: @escaping @Sendable (Bool) -> Void,
               completion: @escaping @Sendable (Result<HTTPResponse, TransportFailure>) -> Void) {
        seen.withLock { $0.append(request) }
        sent(true)
        completion(.success(HTTPResponse(status: 200, body: Array(#"{"result":"ok"}"#.utf8))))
    }

    func warm(baseURL: String, connections: Int) async -> WarmReport {
        WarmReport(baseURL: baseURL, connections: 0, httpVersion: 1)
    }
}
