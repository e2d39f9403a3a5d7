import Foundation

/// The three authentication headers of a private request.
public struct SignedPayload: Sendable, Equatable {
    public let apiKey: String
    /// Base64 of the JSON payload: the `X-GEMINI-PAYLOAD` header.
    public let payload: String
    /// Lower-case hex HMAC-SHA384 of `payload`: the `X-GEMINI-SIGNATURE` header.
    public let signature: String

    public var headers: [(String, String)] {
        [
            ("X-GEMINI-APIKEY", apiKey),
            ("X-GEMINI-PAYLOAD", payload),
            ("X-GEMINI-SIGNATURE", signature),
            ("Content-Type", "text/plain"),
            ("Content-Length", "0"),
            ("Cache-Control", "no-cache"),
        ]
    }

    public static func == (a: SignedPayload, b: SignedPayload) -> Bool {
        a.apiKey == b.apiKey && a.payload == b.payload && a.signature == b.signature
    }
}

/// Signs payloads as Gemini's documentation says: base64 the JSON, then HMAC-SHA384 the base64 text.
public enum Signer {
    /// Signs exact JSON bytes (used by the published test vector).
    public static func sign(json: [UInt8], credentials: Credentials) -> SignedPayload {
        let base64 = Data(json).base64EncodedString()
        let signature = Digest.hmacSHA384Hex(key: credentials.secret.bytes, message: Array(base64.utf8))
        return SignedPayload(apiKey: credentials.apiKey, payload: base64, signature: signature)
    }

    /// Builds the compact JSON `{"request":…,"nonce":…,…}` (slashes unescaped, keys in a fixed order) and signs it.
    public static func sign(path: String, nonce: UInt64, parameters: [String: PayloadValue] = [:], credentials: Credentials) -> SignedPayload {
        sign(json: payloadJSON(path: path, nonce: nonce, parameters: parameters), credentials: credentials)
    }

    /// The compact JSON payload; `request` and `nonce` first, then parameters sorted by name.
    public static func payloadJSON(path: String, nonce: UInt64, parameters: [String: PayloadValue] = [:]) -> [UInt8] {
        var out = "{\"request\":" + PayloadValue.string(path).json + ",\"nonce\":" + String(nonce)
        for key in parameters.keys.sorted() {
            out += "," + PayloadValue.string(key).json + ":" + parameters[key]!.json
        }
        out += "}"
        return Array(out.utf8)
    }
}

/// A payload parameter value.
public enum PayloadValue: Sendable, Equatable {
    case string(String)
    case integer(UInt64)
    case bool(Bool)

    var json: String {
        switch self {
        case .integer(let v): return String(v)
        case .bool(let v): return v ? "true" : "false"
        case .string(let s):
            let data = try! JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes, .fragmentsAllowed])
            let array = String(decoding: data, as: UTF8.self)
            return String(array.dropFirst().dropLast())
        }
    }
}
