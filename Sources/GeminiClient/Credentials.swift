/// An API key (a Gemini *session*) and its secret.
public struct Credentials: Sendable {
    public let apiKey: String
    public let secret: APISecret

    public init(apiKey: String, secret: APISecret) {
        self.apiKey = apiKey
        self.secret = secret
    }

    /// Master keys (`master-…`) act on subaccounts named with `account`.
    public var isMaster: Bool { apiKey.hasPrefix("master-") }

    /// The key masked to its last four characters, for display.
    public var maskedKey: String { Credentials.mask(apiKey) }

    public static func mask(_ key: String) -> String {
        let tail = key.suffix(4)
        return "…" + tail
    }
}
