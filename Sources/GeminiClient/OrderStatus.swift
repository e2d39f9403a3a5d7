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

private extension String {
    /// "0", "0.0" and the like: nothing left.
    var isZeroAmount: Bool { Double(self) == 0 }
}
