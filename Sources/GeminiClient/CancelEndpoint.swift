/// The two cancel endpoints.
public enum CancelEndpoint: String, Sendable, CaseIterable {
    /// Orders placed by this API key (session).
    case session = "/v1/order/cancel/session"
    /// Every active order of the account, whoever placed it.
    case all = "/v1/order/cancel/all"
}
