/// Where an order is in its life.
public enum SimOrderPhase: Sendable, Equatable {
    case live
    case cancelled(CancelCause)
    /// Filled completely (`CancelBehavior.rejectFilled` when a cancel reached it).
    case filled
}
