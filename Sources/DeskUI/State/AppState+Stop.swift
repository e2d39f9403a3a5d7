// Leaving: never before the cancels in flight have ended (re-sends within their deadline included) and been recorded.
extension AppState {
    // Cancels still waiting for their result, across batches.
    var pendingCancels: Int { activeBatches.reduce(0) { $0 + $1.summary.pending } }

    // Leaves at once when no cancel is in flight; otherwise once the last one has ended. No new cancel starts meanwhile:
    // the dialogs that would start one close.
    mutating func stop(_ cause: StopCause) {
        let first = stopping == nil
        if first { stopping = cause }
        screens.removeAll { screen in
            switch screen {
            case .confirm, .panic, .typedConfirm: true
            default: false
            }
        }
        finishStoppingIfDone()
        guard !shouldQuit, first else { return }
        flash(.warn, "\(cause): leaving once the cancels in flight have their outcome recorded; nothing new is sent")
    }

    // Quits once stopping and nothing is in flight any more.
    mutating func finishStoppingIfDone() {
        guard stopping != nil, !isCancelInFlight, !shouldQuit else { return }
        requestQuit()
    }
}
