import Foundation
import GeminiClient
import Testing

@Suite struct SigningTests {
    let credentials = Credentials(apiKey: "mykey", secret: APISecret("1234abcd"))

    @Test func publishedVectorByteForByte() {
        let json = "{\n    \"request\": \"/v1/order/status\",\n    \"nonce\": 123456,\n\n    \"order_id\": 18834\n}\n"
        let signed = Signer.sign(json: Array(json.utf8), credentials: credentials)
        #expect(signed.payload == "ewogICAgInJlcXVlc3QiOiAiL3YxL29yZGVyL3N0YXR1cyIsCiAgICAibm9uY2UiOiAxMjM0NTYsCgogICAgIm9yZGVyX2lkIjogMTg4MzQKfQo=")
        #expect(signed.signature == "337cc8b4ea692cfe65b4a85fcc9f042b2e3f702ac956fd098d600ab15705775017beae402be773ceee10719ff70d710f")
    }

    @Test(arguments: [
        ("/v1/order/cancel/session", "c3bf36f7c8f1a0ebefe8f49f07ca40d1ca2c2756b9cf1ba65b70838fbc3c0c0ed2882cfb49908170cc6abc9b491b0a42"),
        ("/v1/heartbeat", "349e7b56f2985060bbdf4182901495f84e360134f8d4dc41a31368a898d4d4755530067eb580eab001ae4520b40f22c6"),
    ])
    func compactPayloadVectors(path: String, signature: String) {
        let json = Signer.payloadJSON(path: path, nonce: 1_495_127_793_000)
        #expect(String(decoding: json, as: UTF8.self) == "{\"request\":\"\(path)\",\"nonce\":1495127793000}")
        #expect(Signer.sign(path: path, nonce: 1_495_127_793_000, credentials: credentials).signature == signature)
    }

    @Test func parametersFollowInNameOrderWithSlashesUnescaped() {
        let json = Signer.payloadJSON(path: "/v1/order/status", nonce: 7,
                                      parameters: ["order_id": .integer(UInt64.max), "account": .string("desk/\"2\"")])
        #expect(String(decoding: json, as: UTF8.self)
            == "{\"request\":\"/v1/order/status\",\"nonce\":7,\"account\":\"desk/\\\"2\\\"\",\"order_id\":18446744073709551615}")
    }

    @Test func headersAreTheDocumentedSix() {
        let signed = Signer.sign(path: "/v1/heartbeat", nonce: 1, credentials: credentials)
        #expect(signed.headers.map(\.0) == ["X-GEMINI-APIKEY", "X-GEMINI-PAYLOAD", "X-GEMINI-SIGNATURE", "Content-Type", "Content-Length", "Cache-Control"])
        #expect(!signed.headers.contains { $0.1.contains("1234abcd") })
    }

    @Test func secretNeverPrints() {
        let secret = APISecret("s3cr3t-value")
        #expect("\(secret)" == "<secret>")
        #expect(String(reflecting: secret) == "<secret>")
        #expect(!"\(credentials)".contains("1234abcd"))
        #expect(!String(reflecting: credentials).contains("1234abcd"))
        #expect(secret.appears(in: "xx s3cr3t-value yy"))
        #expect(!secret.appears(in: "nothing here"))
    }

    @Test func keyMaskShowsLastFour() {
        #expect(Credentials.mask("account-abcdefWXYZ") == "…WXYZ")
        #expect(Credentials(apiKey: "master-x", secret: APISecret("s")).isMaster)
    }
}
