/// The state of the records, for the operator: whether the history takes them, and where they go if not.
public struct RecordStatus: Sendable, Equatable {
    /// Why the history cannot take records; nil when it can.
    public var problem: HistoryProblem?
    /// Where records go now.
    public var recordsGoTo: RecordLocation
    /// Records wait in a journal, to be merged into the history.
    public var pendingInJournal: Bool
    /// What was repaired (a damaged history moved aside, the ballast released).
    public var notices: [String]
    /// Why the last audit record could not reach the system log, if it could not.
    public var auditProblem: String?
    public var historyPath: String

    public init(problem: HistoryProblem? = nil, recordsGoTo: RecordLocation = .history, pendingInJournal: Bool = false,
                notices: [String] = [], auditProblem: String? = nil, historyPath: String = "") {
        self.problem = problem
        self.recordsGoTo = recordsGoTo
        self.pendingInJournal = pendingInJournal
        self.notices = notices
        self.auditProblem = auditProblem
        self.historyPath = historyPath
    }

    /// All is well: the history takes records and nothing needs saying.
    public var isHealthy: Bool { problem == nil && notices.isEmpty && auditProblem == nil }

    /// One line for a banner or standard error: the problem, that cancels still go out, and where records go.
    /// Nil when the history takes records.
    public var banner: String? {
        guard let problem else { return nil }
        return "\(problem.description.prefix(1).uppercased())\(problem.description.dropFirst()) (\(historyPath)): "
            + "cancels still go out; records go to \(place) until it is fixed"
    }

    /// Where records go, in words.
    public var place: String {
        switch recordsGoTo {
        case .history: "the history"
        case .journal(let path): path
        case .syslog: "the system log only"
        case .nowhere: "nowhere (the system log is unreachable too)"
        }
    }

    /// What the history view cannot show: nil when it can show everything.
    public var historyGap: String? {
        if problem != nil && pendingInJournal || recordsGoTo != .history {
            return "Cancels recorded while \(problem?.description ?? "the history was unavailable") are in \(place), "
                + "not shown here; they are merged into the history when it can take them"
        }
        if pendingInJournal { return "Some cancels are still in the journal, waiting to be merged into the history" }
        return nil
    }
}
