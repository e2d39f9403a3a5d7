/// What one cancel acts on: a session, or one subaccount of a master key's session. Written `SESSION` or `SESSION/ACCOUNT`.
public struct TargetID: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var session: String
    public var account: String?

    public init(session: String, account: String? = nil) {
        self.session = session
        self.account = account
    }

    /// Parses `SESSION` or `SESSION/ACCOUNT`; nil for an empty part.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let session = parts.first, !session.isEmpty else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty else { return nil }
            self.init(session: session, account: parts[1])
        } else {
            self.init(session: session)
        }
    }

    public var description: String { account.map { "\(session)/\($0)" } ?? session }

    public static func < (a: TargetID, b: TargetID) -> Bool {
        (a.session, a.account ?? "") < (b.session, b.account ?? "")
    }
}
