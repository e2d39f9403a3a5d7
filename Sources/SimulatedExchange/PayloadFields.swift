/// The payload fields the exchange reads. Decoding fails (→ `InvalidJson`) when the payload is not a JSON
/// object or `request`/`account` are not strings.
struct PayloadFields: Decodable, Sendable {
    /// A number that may arrive as a JSON integer or a numeric string.
    enum Number: Sendable, Equatable {
        case missing
        case value(UInt64)
        /// Present but not a whole number in range; the text describes what came.
        case invalid(String)
    }

    var request: String?
    var nonce: Number
    var account: String?
    var orderID: Number

    private enum Key: String, CodingKey {
        case request, nonce, account
        case orderID = "order_id"
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        request = try c.decodeIfPresent(String.self, forKey: .request)
        account = try c.decodeIfPresent(String.self, forKey: .account)
        nonce = Self.number(c, .nonce)
        orderID = Self.number(c, .orderID)
    }

    private static func number(_ c: KeyedDecodingContainer<Key>, _ key: Key) -> Number {
        guard c.contains(key) else { return .missing }
        if (try? c.decodeNil(forKey: key)) == true { return .invalid("null") }
        if let n = try? c.decode(UInt64.self, forKey: key) { return .value(n) }
        if let s = try? c.decode(String.self, forKey: key) {
            return UInt64(s).map { .value($0) } ?? .invalid(s)
        }
        if let d = try? c.decode(Double.self, forKey: key) { return .invalid(String(d)) }
        if let i = try? c.decode(Int64.self, forKey: key) { return .invalid(String(i)) }
        return .invalid("not a number")
    }
}
