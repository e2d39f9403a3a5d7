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
