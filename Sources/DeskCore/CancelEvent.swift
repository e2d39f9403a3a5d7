/// Progress of one target's cancel, streamed while a cancel or a panic runs.
public struct CancelEvent: Sendable, Equatable {
    public enum Progress: Sendable, Equatable {
        /// Recorded as intent; waiting for its key's turn.
        case queued
        /// Attempt N has left this machine.
        case sent(attempt: Int)
        /// Attempt N failed in a way that is safe to re-send; the next one follows.
        case retrying(attempt: Int, reason: String)
        case done(CancelResult)
    }

    public var target: TargetID
    public var progress: Progress

    public init(target: TargetID, progress: Progress) {
        self.target = target
        self.progress = progress
    }
}
