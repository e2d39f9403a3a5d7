/// The two cancel endpoints: which orders a cancel takes. The client calls it; the history, the screen and the CLI
/// name it (its raw value, the path, is what the history stores).
public enum CancelEndpoint: String, Sendable, Codable, CaseIterable {
    /// Orders placed by this API key (session).
    case session = "/v1/order/cancel/session"
    /// Every active order of the account, whoever placed it (a much wider scope).
    case all = "/v1/order/cancel/all"

    /// The path the request is POSTed to.
    public var path: String { rawValue }

    /// What the endpoint cancels, in words for a confirmation.
    public var summary: String {
        switch self {
        case .session: "cancel all orders placed by this API key (session)"
        case .all: "cancel EVERY active order of the account, including orders from other keys and the website"
        }
    }
}
