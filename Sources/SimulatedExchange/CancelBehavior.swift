/// What happens to an order when a cancel reaches it.
public enum CancelBehavior: String, Sendable, Codable, Equatable, CaseIterable {
    /// It is cancelled and listed in `cancelledOrders`.
    case cancel
    /// It filled just before the cancel: listed in `cancelRejects`; its status shows it fully filled.
    case rejectFilled
    /// It had been cancelled just before: listed in `cancelRejects`; its status shows it cancelled.
    case rejectAlreadyCancelled
}
