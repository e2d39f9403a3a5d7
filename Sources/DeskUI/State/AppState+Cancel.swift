import DeskCore
import Foundation
import GeminiClient

// Cancel dialogs, starting cancels, and following their progress.
extension AppState {
    func isInFlight(_ id: TargetID) -> Bool { statuses[id]?.progress != nil }

    // MARK: One target

    mutating func openCancelDialog() {
        guard let target = selectedTarget else { return }
        guard !isInFlight(target.id) else {
            flash(.warn, "a cancel for \(target.id) is already in flight")
            return
        }
        push(.confirm(ConfirmState(kind: .cancel(target))))
    }

    mutating func openQuit() {
        if screens.last?.confirm?.kind == .quit { return }
        if isCancelInFlight {
            push(.confirm(ConfirmState(kind: .quit)))
        } else {
            requestQuit()
        }
    }

    // `y` in a yes/no dialog.
    mutating func confirmDialog() {
        guard let dialog = screens.last?.confirm else { return }
        pop()
        switch dialog.kind {
        case .cancel(let target): startCancel([target], endpoint: .session, isPanic: false)
        case .quit: stop(.quit)
        }
    }

    // `n` or Esc in any dialog: nothing happens.
    mutating func abortDialog() {
        pop()
        flash(.info, "aborted: nothing was sent")
    }

    // MARK: Panic

    mutating func openPanicDialog() {
        let shown = shownTargets
        guard !shown.isEmpty else {
            flash(.warn, "no targets match the filter \"\(filter)\": nothing to cancel")
            return
        }
        push(.panic(PanicState(targets: shown, filter: filter, totalTargets: targets.count)))
    }

    mutating func submitPanic() {
        guard let panic = takeConfirmed(\.panic, Screen.panic) else { return }
        startCancel(panic.targets, endpoint: .session, isPanic: true)
    }

    // MARK: Cancel all (account-wide)

    mutating func openCancelAllDialog() {
        guard let target = selectedTarget else { return }
        guard !isInFlight(target.id) else {
            flash(.warn, "a cancel for \(target.id) is already in flight")
            return
        }
        push(.typedConfirm(TypedConfirmState(target: target)))
    }

    mutating func submitTypedConfirm() {
        guard let dialog = takeConfirmed(\.typedConfirm, Screen.typedConfirm) else { return }
        startCancel([dialog.target], endpoint: dialog.endpoint, isPanic: false)
    }

    // MARK: Running

    mutating func startCancel(_ targets: [TargetInfo], endpoint: CancelEndpoint, isPanic: Bool) {
        let id = nextBatchID
        nextBatchID += 1
        let ids = targets.map(\.id)
        batches[id] = CancelBatch(id: id, endpoint: endpoint, targets: ids, startedAt: now, isPanic: isPanic)
        for target in ids {
            statuses[target, default: RowStatus()].progress = .queued
        }
        outbox.append(.cancel(batch: id, targets: ids, endpoint: endpoint))
        let what = isPanic ? "PANIC" : (endpoint == .all ? "cancel-all" : "cancel")
        outbox.append(.log("[info] \(what) sent by \(operatorName) for \(ids.map(\.description).joined(separator: ", ")) via \(endpoint.path)"))
    }

    // A target's record changed: in flight it updates the row's progress; settled, it becomes the row's last result.
    mutating func applyCancelRecord(_ record: CancelRecord, batch id: Int) {
        guard var batch = batches[id], batch.targets.contains(record.target) else { return }
        var status = statuses[record.target, default: RowStatus()]
        if let outcome = record.outcome {
            status.progress = nil
            status.last = record
            if batch.outcomes[record.target] == nil, outcome == .ok {
                batch.rejectedOrders += record.rejected.count
            }
            batch.outcomes[record.target] = outcome
            outbox.append(.log("[info] \(record.target): \(outcome.rawValue)\(record.reason.map { " \($0)" } ?? "")"))
        } else {
            status.progress = record.progress ?? .queued
        }
        statuses[record.target] = status
        batches[id] = batch
        // The last result ends the batch: its summary goes in the same frame, not one hop later at the stream's end.
        if batch.outcomes.count == batch.targets.count { endBatch(id) }
    }

    mutating func endStream(_ id: Int) {
        batches[id]?.streamEnded = true
        endBatch(id)
    }

    mutating func endBatch(_ id: Int) {
        guard var batch = batches[id], !batch.finished else { return }
        batch.finished = true
        for target in batch.targets where batch.outcomes[target] == nil {
            // No result came: the request may have reached the exchange. Never shown as ok.
            statuses[target, default: RowStatus()].progress = nil
            statuses[target, default: RowStatus()].last = CancelRecord(
                target: target, endpoint: batch.endpoint, environment: self.target(target)?.environment ?? .production,
                operatorIdentity: operatorIdentity, time: batch.startedAt).endedWithoutResult()
        }
        batches[id] = batch
        let summary = batch.summary
        let last = LastSummary(batch: batch, finishedAt: now)
        lastSummary = last
        let label = batch.isPanic ? "PANIC done" : (batch.targets.count == 1 ? "cancel \(batch.targets[0]) done" : "cancel done")
        flash(summary.failed > 0 ? .error : .info, "\(label): \(summary) (\(last.took))")
        // Keep finished batches only while needed for the summary.
        batches = batches.filter { !$0.value.finished || !$0.value.streamEnded || $0.key == id }
    }
}
