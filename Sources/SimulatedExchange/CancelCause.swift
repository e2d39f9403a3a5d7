/// What cancelled an order.
public enum CancelCause: Sendable, Equatable {
    /// `/v1/order/cancel/session` sent with this key.
    case session(apiKey: String)
    /// `/v1/order/cancel/all` sent with this key.
    case all(apiKey: String)
    /// The placing key's heartbeat expired.
    case heartbeatExpired
    /// It was already cancelled when a cancel reached it (`CancelBehavior.rejectAlreadyCancelled`).
    case earlier
}
