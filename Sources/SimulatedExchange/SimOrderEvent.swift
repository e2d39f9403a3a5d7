import Foundation

/// One event of an order, as the order events stream sends it (Gemini's legacy format).
struct SimOrderEvent: Sendable {
    enum Kind: String, Sendable {
        case initial, accepted, booked, fill, cancelled, closed
        case cancelRejected = "cancel_rejected"
    }

    var kind: Kind
    var order: SimOrder
    /// nil for `initial` (the snapshot has no event IDs).
    var eventID: UInt64?
    var timestampms: UInt64
    var isLive: Bool
    var isCancelled: Bool
    /// Filled completely.
    var filled = false
    /// `cancelled` and `cancel_rejected`: why.
    var reason: String?
    var cancelCommandID: UInt64?

    /// The event's JSON for one subscriber; `account_name` only for master keys' subscriptions.
    func json(sequence: UInt64, withAccount: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", .string(kind.rawValue)), ("order_id", .string(String(order.id)))]
        if let eventID { members.append(("event_id", .string(String(eventID)))) }
        if withAccount { members.append(("account_name", .string(order.account))) }
        members += [
            ("api_session", .string(order.apiKey)), ("symbol", .string(order.symbol)), ("side", .string(order.side)),
            ("order_type", .string("exchange limit")), ("timestamp", .string(String(timestampms / 1000))),
            ("timestampms", .integer(timestampms)), ("is_live", .bool(isLive)), ("is_cancelled", .bool(isCancelled)),
            ("is_hidden", .bool(false)), ("avg_execution_price", .string(filled ? order.price : "0.00")),
            ("executed_amount", .string(filled ? order.amount : "0")),
            ("remaining_amount", .string(filled ? "0" : order.amount)), ("original_amount", .string(order.amount)),
            ("price", .string(order.price)),
        ]
        if let cancelCommandID { members.append(("cancel_command_id", .string(String(cancelCommandID)))) }
        if let reason { members.append(("reason", .string(reason))) }
        if kind == .fill {
            members.append(("fill", .object([
                ("trade_id", .string(String((eventID ?? 0) + 1))), ("liquidity", .string("Maker")),
                ("price", .string(order.price)), ("amount", .string(order.amount)), ("fee", .string("0")),
                ("fee_currency", .string("USD")),
            ])))
        }
        members.append(("socket_sequence", .integer(sequence)))
        return .object(members)
    }
}
