import DeskCore
import Foundation

// The front end as a state machine: keys and service answers in, new state and effects out. No terminal, no I/O.
struct App: Sendable {
    private(set) var state: AppState
    let keyMap: KeyMap

    init(state: AppState, keyMap: KeyMap) {
        self.state = state
        self.keyMap = keyMap
        if let first = keyMap.warnings.first {
            let more = keyMap.warnings.count > 1 ? " (and \(keyMap.warnings.count - 1) more, see the log)" : ""
            self.state.flash(.warn, "config keys: \(first)\(more)")
            for warning in keyMap.warnings.dropFirst() {
                self.state.outbox.append(.log("[warn] config keys: \(warning)"))
            }
        }
    }

    // The key table that dispatches keys right now.
    var activeKeyTable: KeyTable { keyMap[state.activeKeyTable] }

    // Applies one event and returns the work it asks for.
    mutating func handle(_ event: AppEvent, now: Date) -> [Effect] {
        state.now = now
        switch event {
        case .key(let key):
            dispatch(key)
        case .resize(let size):
            state.size = size
            state.scrollToSelection()
        case .cancelProgress(let batch, let record):
            state.applyCancelRecord(record, batch: batch)
        case .cancelStreamEnded(let batch):
            state.endStream(batch)
        case .preflightFinished(let results):
            state.applyPreflight(results)
        case .targetsReloaded(let targets):
            state.targets = targets
            state.keepSelectionValid()
        case .historyLoaded(let request, let entries):
            state.applyHistoryPage(request: request, entries: entries)
        case .historyFailed(let request, let message):
            state.applyHistoryFailure(request: request, message: message)
        case .explained(let target, let orderID, let text):
            state.applyExplanation(target: target, orderID: orderID, text: text)
        case .themeApplied(let name, let warning):
            state.themeName = name
            if let warning { state.flash(.warn, warning) }
        case .notice(let level, let text):
            state.flash(level, text)
        case .logProblem(let problem):
            state.logProblem = problem
            if let problem { state.flash(.warn, problem) }
        case .recordStatus(let status):
            state.recordStatus = status
        case .tick:
            break
        case .stop(let cause):
            state.stop(cause)
        }
        state.finishStoppingIfDone()
        state.expireFlash()
        defer { state.outbox = [] }
        return state.outbox
    }

    private mutating func dispatch(_ key: Key) {
        let table = activeKeyTable
        if let field = table.field, let character = key.typedCharacter {
            state.type(character, into: field)
            return
        }
        if let binding = table.binding(for: key) {
            if state.stopping != nil, KeyMap.triggerActions.contains(binding.action) {
                state.flash(.warn, "leaving: no new cancel is started")
            } else if let reason = binding.unavailableReason(state) {
                if !reason.isEmpty { state.flash(.info, reason) }
            } else {
                binding.handler(&state)
            }
            return
        }
        if table.id == .main, keyMap.refusedInReadOnly.contains(key) {
            state.flash(.warn, "read-only: cancel keys are off")
        }
    }

    // The whole screen for the current state.
    func render() -> ScreenGrid {
        Renderer.render(state, keyMap: keyMap)
    }
}
