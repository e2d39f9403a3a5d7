/// History problems other than SQLite's own errors (which arrive as GRDB's `DatabaseError`).
public enum HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No row with this id for this target: the id did not come from `recordIntents`, or belongs to another target.
    case noSuchEntry(id: Int64)
    /// An outcome for a record whose intent was never written (it has no row id).
    case unwritten(target: TargetID)
    /// A stored value gdesk cannot read back (written by a newer version, or edited by hand).
    case unreadableRow(id: Int64, column: String)
    /// The lock file that serialises opening the history cannot be made or locked.
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .noSuchEntry(let id): "history: no entry \(id) for this target"
        case .unwritten(let target): "history: the cancel of \(target) has no recorded intent to settle"
        case .unreadableRow(let id, let column): "history: entry \(id) has an unreadable \(column)"
        case .cannotOpen(let path, let reason): "history: cannot lock \(path) to open the history: \(reason)"
        }
    }
}
