/// The IDs a cancel call cancelled and those it could not.
public struct CancelDetails: Sendable, Equatable, Codable {
    public var cancelled: [UInt64]
    public var rejected: [UInt64]

    public init(cancelled: [UInt64] = [], rejected: [UInt64] = []) {
        self.cancelled = cancelled
        self.rejected = rejected
    }
}

/// `POST /v1/roles`.
public struct Roles: Sendable, Equatable {
    public var isTrader: Bool
    public var isAuditor: Bool
    public var isFundManager: Bool
    public var isAccountAdmin: Bool?

    public init(isTrader: Bool, isAuditor: Bool, isFundManager: Bool, isAccountAdmin: Bool? = nil) {
        self.isTrader = isTrader
        self.isAuditor = isAuditor
        self.isFundManager = isFundManager
        self.isAccountAdmin = isAccountAdmin
    }

    /// Role names held, for display: "Trader, Auditor".
    public var summary: String {
        let names = [(isTrader, "Trader"), (isFundManager, "FundManager"), (isAuditor, "Auditor"), (isAccountAdmin ?? false, "AccountAdmin")]
            .filter(\.0).map(\.1)
        return names.isEmpty ? "none" : names.joined(separator: ", ")
    }
}

/// One entry of `POST /v1/account/list`.
public struct SubAccount: Sendable, Equatable {
    public var name: String
    public var account: String
    public var type: String
    public var status: String

    public init(name: String, account: String, type: String, status: String) {
        self.name = name
        self.account = account
        self.type = type
        self.status = status
    }

    /// Cancel/session applies to open exchange accounts only.
    public var isCancellable: Bool { type == "exchange" && status == "open" }
}

/// `POST /v1/order/status`.
public struct OrderStatus: Sendable, Equatable {
    public var orderID: UInt64
    public var symbol: String
    public var side: String
    public var isLive: Bool
    public var isCancelled: Bool
    public var reason: String?
    public var executedAmount: String
    public var originalAmount: String
    public var remainingAmount: String
    public var price: String?
    public var timestampms: UInt64?

    public init(orderID: UInt64, symbol: String, side: String, isLive: Bool, isCancelled: Bool, reason: String?,
                executedAmount: String, originalAmount: String, remainingAmount: String, price: String?, timestampms: UInt64?) {
        self.orderID = orderID
        self.symbol = symbol
        self.side = side
        self.isLive = isLive
        self.isCancelled = isCancelled
        self.reason = reason
        self.executedAmount = executedAmount
        self.originalAmount = originalAmount
        self.remainingAmount = remainingAmount
        self.price = price
        self.timestampms = timestampms
    }

    /// Why a cancel could not take this order, in plain words.
    public var explanation: String {
        if isCancelled {
            let why = reason.map { " (\($0))" } ?? ""
            return "order \(orderID) was already cancelled\(why); \(executedAmount) of \(originalAmount) \(symbol) had filled"
        }
        if !isLive && remainingAmount.isZeroAmount {
            return "order \(orderID) had already filled completely: \(executedAmount) \(symbol) \(side) at \(price ?? "market")"
        }
        if isLive {
            return "order \(orderID) is still live (\(remainingAmount) of \(originalAmount) \(symbol) open): it was not placed by this session, or it is being cancelled; cancel it again or on its own key"
        }
        return "order \(orderID) is closed (\(executedAmount) of \(originalAmount) filled)"
    }
}

extension String {
    var isZeroAmount: Bool { Double(self) == 0 }
}
