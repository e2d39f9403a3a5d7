/// Where a cancel's record was written.
public enum RecordLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The history database: the normal place.
    case history
    /// The fallback journal at this path, waiting to be merged into the history.
    case journal(path: String)
    /// Only the system log took it (neither the history nor a journal could).
    case syslog
    /// Nothing could take it; what was known is in the operator's output only.
    case nowhere

    /// `history`, `journal:PATH`, `syslog` or `nowhere`: the form the CLI's JSON and the docs use.
    public var description: String {
        switch self {
        case .history: "history"
        case .journal(let path): "journal:" + path
        case .syslog: "syslog"
        case .nowhere: "nowhere"
        }
    }

    /// Reads the form `description` writes; nil for anything else.
    public init?(parsing text: String) {
        switch text {
        case "history": self = .history
        case "syslog": self = .syslog
        case "nowhere": self = .nowhere
        default:
            guard text.hasPrefix("journal:") else { return nil }
            self = .journal(path: String(text.dropFirst("journal:".count)))
        }
    }

    /// The record is in the history (nothing to merge later).
    public var isHistory: Bool { self == .history }

    /// Of two places that hold parts of one cancel's record, the one that says most about where to look: the
    /// history only if every part is there.
    public func worse(_ other: RecordLocation) -> RecordLocation {
        func rank(_ location: RecordLocation) -> Int {
            switch location {
            case .history: 0
            case .journal: 1
            case .syslog: 2
            case .nowhere: 3
            }
        }
        return rank(other) > rank(self) ? other : self
    }
}
