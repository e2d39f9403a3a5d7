/// A subaccount reachable with a master key.
public struct ExchangeAccount: Sendable, Codable, Equatable {
    /// The nickname a master key names in the payload's `account` field (`account` in `/v1/account/list`).
    public var name: String
    /// `"exchange"` or `"custody"`; cancel endpoints accept exchange accounts only.
    public var type: String
    /// `"open"` or `"closed"`; cancel endpoints accept open accounts only.
    public var status: String
    /// The human-readable `name` in `/v1/account/list`; the nickname when nil.
    public var displayName: String?

    public init(name: String, type: String = "exchange", status: String = "open", displayName: String? = nil) {
        self.name = name
        self.type = type
        self.status = status
        self.displayName = displayName
    }

    /// Decodes with defaults for missing fields: an open exchange account.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decodeIfPresent(String.self, forKey: .type) ?? "exchange"
        status = try c.decodeIfPresent(String.self, forKey: .status) ?? "open"
        displayName = try c.decodeIfPresent(String.self, forKey: .displayName)
    }

    /// Whether cancel endpoints accept this account.
    public var isCancellable: Bool { type == "exchange" && status == "open" }
}
