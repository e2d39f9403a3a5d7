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
