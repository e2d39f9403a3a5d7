/// Gemini's legacy order events WebSocket, `/v1/order/events`: its URL and its signed upgrade.
public enum OrderEventsEndpoint {
    public static let path = "/v1/order/events"

    /// The stream URL of an exchange base URL: `https://api.gemini.com` → `wss://api.gemini.com/v1/order/events`,
    /// `http://127.0.0.1:8080` (loopback only, as `BaseURL` allows) → `ws://127.0.0.1:8080/v1/order/events`.
    /// `heartbeat=true` is always asked for (the documented default differs between pages); filters are allow-lists.
    public static func url(baseURL: BaseURL, apiSessionFilter: [String] = [], symbolFilter: [String] = [],
                           eventTypeFilter: [String] = []) -> String {
        let base = baseURL.string
        let socket = base.hasPrefix("https://") ? "wss://" + base.dropFirst("https://".count)
            : "ws://" + base.dropFirst("http://".count)
        var query = ["heartbeat=true"]
        query += apiSessionFilter.map { "apiSessionFilter=\(escape($0))" }
        query += symbolFilter.map { "symbolFilter=\(escape($0))" }
        query += eventTypeFilter.map { "eventTypeFilter=\(escape($0))" }
        return socket + path + "?" + query.joined(separator: "&")
    }

    /// The three upgrade headers: the key, base64 of `{"request":"/v1/order/events","nonce":N}`, and its HMAC-SHA384.
    /// The nonce must be above every nonce the key has used: take it from the key's `NonceStore`.
    public static func upgradeHeaders(nonce: UInt64, credentials: Credentials) -> [(String, String)] {
        let signed = Signer.sign(path: path, nonce: nonce, credentials: credentials)
        return [("X-GEMINI-APIKEY", signed.apiKey), ("X-GEMINI-PAYLOAD", signed.payload), ("X-GEMINI-SIGNATURE", signed.signature)]
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-_.~".contains(c)) { out.append(c) } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
