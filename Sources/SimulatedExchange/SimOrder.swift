/// A live order on the simulated exchange.
public struct SimOrder: Sendable, Codable, Equatable {
    /// Exact at any size, including above 2^53. Scenario files may give it as a number or a string.
    public var id: UInt64
    /// The session (API key) that placed it.
    public var apiKey: String
    /// `"primary"` for account keys; the subaccount nickname for master keys. Account names are shared by all keys of a scenario.
    public var account: String
    public var symbol: String
    public var side: String
    public var price: String
    public var amount: String
    public var onCancel: CancelBehavior

    public init(id: UInt64, apiKey: String, account: String = "primary", symbol: String = "btcusd", side: String = "buy",
                price: String = "1.00", amount: String = "1", onCancel: CancelBehavior = .cancel) {
        self.id = id
        self.apiKey = apiKey
        self.account = account
        self.symbol = symbol
        self.side = side
        self.price = price
        self.amount = amount
        self.onCancel = onCancel
    }

    /// Decodes with defaults for missing fields (account `primary`, 1 btcusd bought at 1.00, cancellable).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let number = try? c.decode(UInt64.self, forKey: .id) {
            id = number
        } else {
            let text = try c.decode(String.self, forKey: .id)
            guard let number = UInt64(text) else {
                throw DecodingError.dataCorruptedError(forKey: .id, in: c, debugDescription: "'\(text)' is not an order ID (a whole number from 0 to 2^64-1)")
            }
            id = number
        }
        apiKey = try c.decode(String.self, forKey: .apiKey)
        account = try c.decodeIfPresent(String.self, forKey: .account) ?? "primary"
        symbol = try c.decodeIfPresent(String.self, forKey: .symbol) ?? "btcusd"
        side = try c.decodeIfPresent(String.self, forKey: .side) ?? "buy"
        price = try c.decodeIfPresent(String.self, forKey: .price) ?? "1.00"
        amount = try c.decodeIfPresent(String.self, forKey: .amount) ?? "1"
        onCancel = try c.decodeIfPresent(CancelBehavior.self, forKey: .onCancel) ?? .cancel
    }
}
