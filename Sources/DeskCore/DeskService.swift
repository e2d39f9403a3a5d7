import GeminiClient

/// What the front end and the CLI need from the desk: the targets, their last results, cancels, history.
///
/// `Desk` is the real one; tests use fakes.
public protocol DeskService: Sendable {
    var config: DeskConfig { get }
    var readOnly: Bool { get }

    /// Every target, in display order (sessions in config order, a master key's accounts under it).
    func targets() async -> [TargetInfo]

    /// The newest history record per target.
    func lastResults() async -> [TargetID: CancelRecord]

    /// Cancels every target in `targets` at once. The stream carries each target's record every time it changes: in
    /// flight (`progress` set), then once settled (with an `outcome`); it ends when every target is settled. Each
    /// target's intent is recorded before its request leaves: in the history, or, when the history cannot take it
    /// within a short bound, in the fallback journal (`recordedIn` says which); never a reason not to send.
    func cancel(_ targets: [TargetID], endpoint: CancelEndpoint) -> AsyncStream<CancelRecord>

    /// Roles and reachability for the sessions of `targets` (never an authenticated call for Require-Heartbeat keys).
    func preflight(_ sessions: [String]) async -> [PreflightResult]

    /// History records, newest first.
    func history(_ filter: HistoryFilter) async throws -> [CancelRecord]

    /// An order's status in plain words: why a cancel could not take it.
    func explain(_ target: TargetID, orderID: UInt64) async -> String

    /// Whether the history takes records, and where they go if not: what the front end's banner says.
    func recordStatus() async -> RecordStatus
}

extension DeskService {
    /// A service without storage of its own to report on: all is well.
    public func recordStatus() async -> RecordStatus { RecordStatus() }
}
