/// Scripted order flow: a "bot" trading on one key, placing an order every `everyMilliseconds` while it has fewer
/// than `maxLive` live orders on its account. After its orders are cancelled (`cancel/session`, `cancel/all` on its
/// account, or its heartbeat expiring) it keeps placing (`afterCancel: "keepPlacing"`, the bot that will not die)
/// or stops for good (`"stop"`).
///
/// A bot's placements are the bot's own calls: they restart its key's Require-Heartbeat timer and produce
/// `accepted` and `booked` order events, but they are not gdesk's requests and are not in `requests`.
public struct BotScript: Sendable, Codable, Equatable {
    /// What a bot does once its orders have been cancelled.
    public enum AfterCancel: String, Sendable, Codable, Equatable {
        case keepPlacing
        case stop
    }

    public var apiKey: String
    /// `"primary"` for account keys; the subaccount for master keys.
    public var account: String
    public var symbol: String
    public var side: String
    public var price: String
    public var amount: String
    public var everyMilliseconds: Int
    public var maxLive: Int
    public var afterCancel: AfterCancel

    public init(apiKey: String, account: String = "primary", symbol: String = "btcusd", side: String = "buy",
                price: String = "1.00", amount: String = "1", everyMilliseconds: Int = 1000, maxLive: Int = 20,
                afterCancel: AfterCancel = .keepPlacing) {
        self.apiKey = apiKey
        self.account = account
        self.symbol = symbol
        self.side = side
        self.price = price
        self.amount = amount
        self.everyMilliseconds = everyMilliseconds
        self.maxLive = maxLive
        self.afterCancel = afterCancel
    }

    /// Decodes with defaults for missing fields: account `primary`, 1 btcusd bought at 1.00 every second, at most 20
    /// live, keeps placing after a cancel.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiKey = try c.decode(String.self, forKey: .apiKey)
        account = try c.decodeIfPresent(String.self, forKey: .account) ?? "primary"
        symbol = try c.decodeIfPresent(String.self, forKey: .symbol) ?? "btcusd"
        side = try c.decodeIfPresent(String.self, forKey: .side) ?? "buy"
        price = try c.decodeIfPresent(String.self, forKey: .price) ?? "1.00"
        amount = try c.decodeIfPresent(String.self, forKey: .amount) ?? "1"
        everyMilliseconds = try c.decodeIfPresent(Int.self, forKey: .everyMilliseconds) ?? 1000
        maxLive = try c.decodeIfPresent(Int.self, forKey: .maxLive) ?? 20
        afterCancel = try c.decodeIfPresent(AfterCancel.self, forKey: .afterCancel) ?? .keepPlacing
    }
}
