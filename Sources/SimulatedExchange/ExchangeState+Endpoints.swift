import Foundation
import GeminiClient

/// The private endpoints, run once a request has passed every check.
extension ExchangeState {
    mutating func run(_ endpoint: PrivateEndpoint, key: ExchangeKey, account: String?, fields: PayloadFields,
                      draft: inout Draft, now: Date) throws(Rejection) -> Reply {
        switch endpoint {
        case .cancelSession, .cancelAll:
            let account = account ?? "primary"
            let result = endpoint == .cancelSession
                ? cancel(apiKey: key.apiKey, where: { $0.account == account }, cause: .session(apiKey: key.apiKey), now: now)
                : cancel(apiKey: nil, where: { $0.account == account }, cause: .all(apiKey: key.apiKey), now: now)
            draft.cancelled = result.cancelled
            draft.rejected = result.rejected
            return .json(.object([
                ("result", .string("ok")),
                ("details", .object([
                    ("cancelledOrders", .array(result.cancelled.map { .integer($0) })),
                    ("cancelRejects", .array(result.rejected.map { .integer($0) })),
                ])),
            ]))
        case .heartbeat:
            return .json(.object([("result", .string("ok"))]))
        case .roles:
            var members: [(String, JSONValue)] = [
                ("isAuditor", .bool(key.roles.isAuditor)), ("isFundManager", .bool(key.roles.isFundManager)),
                ("isTrader", .bool(key.roles.isTrader)),
            ]
            if key.isMaster {
                members.append(("counterparty_id", .string(Self.counterpartyID(key.apiKey))))
                members.append(("isAccountAdmin", .bool(key.roles.isAccountAdmin)))
            }
            return .json(.object(members))
        case .accountList:
            let created = UInt64(createdAt.timeIntervalSince1970 * 1000)
            return .json(.array(key.accounts.map { sub in
                .object([
                    ("name", .string(sub.displayName ?? sub.name)), ("account", .string(sub.name)),
                    ("type", .string(sub.type)), ("counterparty_id", .string(Self.counterpartyID(sub.name))),
                    ("created", .integer(created)), ("status", .string(sub.status)),
                ])
            }))
        case .orderStatus:
            let id: UInt64
            switch fields.orderID {
            case .value(let value): id = value
            case .missing: throw Rejection(status: 400, reason: "InvalidRequest", message: "order_id is required")
            case .invalid(let text): throw Rejection(status: 400, reason: "InvalidRequest", message: "order_id '\(text)' is not an order ID")
            }
            guard let i = orderIndex[id], orders[i].order.account == (account ?? "primary") else {
                throw Rejection(.orderNotFound, "Order \(id) not found")
            }
            return .json(Self.status(of: orders[i]))
        case .activeOrders:
            return .json(.array(openOrders(apiKey: nil, account: account ?? "primary").compactMap { order in
                orderIndex[order.id].map { Self.status(of: orders[$0]) }
            }))
        }
    }

    /// A stable made-up counterparty ID.
    static func counterpartyID(_ name: String) -> String {
        String(Digest.sha256Hex(Array(name.utf8)).prefix(8)).uppercased()
    }

    /// Gemini's order status object. Cancelled orders carry `reason` "Requested" (or "HeartbeatExpired").
    static func status(of state: SimOrderState) -> JSONValue {
        let order = state.order
        let filled = state.phase == .filled
        let cancelled: Bool
        var reason: String?
        switch state.phase {
        case .cancelled(let cause):
            cancelled = true
            reason = cause == .heartbeatExpired ? "HeartbeatExpired" : "Requested"
        default:
            cancelled = false
        }
        let milliseconds = UInt64(max(0, state.placedAt.timeIntervalSince1970 * 1000))
        var members: [(String, JSONValue)] = [
            ("order_id", .string(String(order.id))), ("id", .string(String(order.id))),
            ("symbol", .string(order.symbol)), ("exchange", .string("gemini")),
            ("avg_execution_price", .string(filled ? order.price : "0.00")), ("side", .string(order.side)),
            ("type", .string("exchange limit")), ("timestamp", .string(String(milliseconds / 1000))),
            ("timestampms", .integer(milliseconds)), ("is_live", .bool(state.isLive)),
            ("is_cancelled", .bool(cancelled)), ("is_hidden", .bool(false)), ("was_forced", .bool(false)),
            ("executed_amount", .string(filled ? order.amount : "0")),
            ("remaining_amount", .string(filled ? "0" : order.amount)),
            ("options", .array([])), ("price", .string(order.price)), ("original_amount", .string(order.amount)),
        ]
        if let reason { members.append(("reason", .string(reason))) }
        return .object(members)
    }
}
