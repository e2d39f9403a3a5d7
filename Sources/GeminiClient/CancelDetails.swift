/// The IDs a cancel call cancelled and those it could not.
public struct CancelDetails: Sendable, Equatable, Codable {
    public var cancelled: [UInt64]
    public var rejected: [UInt64]

    public init(cancelled: [UInt64] = [], rejected: [UInt64] = []) {
        self.cancelled = cancelled
        self.rejected = rejected
    }
}
