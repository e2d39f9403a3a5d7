/// The private endpoints the simulated exchange serves.
enum PrivateEndpoint: String, CaseIterable, Sendable {
    case cancelSession = "/v1/order/cancel/session"
    case cancelAll = "/v1/order/cancel/all"
    case orderStatus = "/v1/order/status"
    case heartbeat = "/v1/heartbeat"
    case roles = "/v1/roles"
    case accountList = "/v1/account/list"
    case activeOrders = "/v1/orders"

    var path: String { rawValue }

    /// Master keys must name an account.
    var isAccountScoped: Bool { self == .cancelSession || self == .cancelAll || self == .orderStatus || self == .activeOrders }

    var cancels: Bool { self == .cancelSession || self == .cancelAll }
}
