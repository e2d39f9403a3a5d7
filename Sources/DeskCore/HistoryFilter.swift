import Foundation

/// Which history rows to read, newest first.
public struct HistoryFilter: Sendable, Equatable {
    public var session: String?
    public var account: String?
    public var since: Date?
    /// Keyset paging: only rows with an id below this.
    public var beforeID: Int64?
    public var limit: Int

    public init(session: String? = nil, account: String? = nil, since: Date? = nil, beforeID: Int64? = nil, limit: Int = 100) {
        self.session = session
        self.account = account
        self.since = since
        self.beforeID = beforeID
        self.limit = limit
    }
}
