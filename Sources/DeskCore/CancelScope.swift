/// Which cancel endpoint: this session's orders, or every order of the account (a much wider scope).
public enum CancelScope: String, Sendable, Codable, CaseIterable {
    case session = "/v1/order/cancel/session"
    case all = "/v1/order/cancel/all"

    public var endpoint: String { rawValue }

    public var summary: String {
        switch self {
        case .session: "cancel all orders placed by this API key (session)"
        case .all: "cancel EVERY active order of the account, including orders from other keys and the website"
        }
    }
}
