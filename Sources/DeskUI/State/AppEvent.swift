import DeskCore

// Everything that changes the app: keys, terminal size, and answers from the service.
enum AppEvent: Sendable, Equatable {
    case key(Key)
    case resize(TerminalSize)
    // A target's record changed: in flight, or settled.
    case cancelProgress(batch: Int, record: CancelRecord)
    // The batch's event stream ended; targets without a result are unknown.
    case cancelStreamEnded(batch: Int)
    case preflightFinished([PreflightResult])
    case targetsReloaded([TargetInfo])
    case historyLoaded(request: Int, entries: [CancelRecord])
    case historyFailed(request: Int, message: String)
    case explained(target: TargetID, orderID: UInt64, text: String)
    case themeApplied(name: String, warning: String?)
    // A message from outside the app (the front end's own setup), shown as a flash.
    case notice(FlashLevel, String)
    // The log file stopped taking lines (why), or takes them again (nil).
    case logProblem(String?)
    // Time passed: expire the flash.
    // The history's state changed (a lock held or cleared, a full disk): the banner follows.
    case recordStatus(RecordStatus)
    case tick
    // Leave, once the cancels in flight have ended and been recorded.
    case stop(StopCause)
}
