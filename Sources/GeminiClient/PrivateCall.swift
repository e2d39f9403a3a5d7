/// A private endpoint call before it is signed: the path and its parameters (`request` and `nonce` are added when signing).
public struct PrivateCall: Sendable, Equatable {
    public var path: String
    public var parameters: [String: PayloadValue]

    public init(path: String, parameters: [String: PayloadValue] = [:]) {
        self.path = path
        self.parameters = parameters
    }

    /// The same call naming a subaccount (master keys), or not.
    public static func on(_ path: String, account: String?, _ extra: [String: PayloadValue] = [:]) -> PrivateCall {
        var parameters = extra
        if let account { parameters["account"] = .string(account) }
        return PrivateCall(path: path, parameters: parameters)
    }
}
