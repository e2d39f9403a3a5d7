import Foundation

extension GeminiAPI {
    /// `POST /v1/orders`: the live orders of the key's account, or of `account` (required for master keys).
    /// Trader or Auditor. Orders that are no longer live (`is_live` false) are left out.
    public func activeOrders(account: String? = nil) async throws(GeminiError) -> [ActiveOrder] {
        let response = try await sendOne(PrivateCall.on("/v1/orders", account: account)).get()
        return try ResponseParser.activeOrders(status: response.status, body: response.body).get()
    }
}

extension ResponseParser {
    /// An answer of `POST /v1/orders`: an array of order objects.
    public static func activeOrders(status: Int, body: [UInt8]) -> Result<[ActiveOrder], GeminiError> {
        if let error = error(status: status, body: body) { return .failure(error) }
        do {
            let orders = try JSONDecoder().decode([ActiveOrderEnvelope].self, from: Data(body))
            return .success(orders.filter { $0.is_live ?? true }.map {
                ActiveOrder(orderID: $0.order_id.value, symbol: $0.symbol, side: $0.side, price: $0.price?.text,
                            remaining: $0.remaining_amount?.text, timestampms: $0.timestampms?.value)
            })
        } catch {
            return .failure(.unreadable(status: status, detail: "not a list of orders: \(snippet(body))"))
        }
    }
}

private struct ActiveOrderEnvelope: Decodable {
    var order_id: FlexibleUInt64
    var symbol: String
    var side: String
    var price: Text?
    var remaining_amount: Text?
    var is_live: Bool?
    var timestampms: FlexibleUInt64?

    /// A decimal Gemini writes as a string; a bare number is read too.
    struct Text: Decodable {
        var text: String
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) { text = s } else { text = String(describing: try c.decode(Decimal.self)) }
        }
    }
}
