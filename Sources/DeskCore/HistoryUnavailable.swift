/// The history cannot be read at all (not even read-only): why, and where records go meanwhile.
public struct HistoryUnavailable: Error, Sendable, CustomStringConvertible {
    public var status: RecordStatus

    public init(status: RecordStatus) {
        self.status = status
    }

    public var description: String {
        "cannot read the history: \(status.problem?.description ?? "it is not open"); records go to \(status.place)"
    }
}
