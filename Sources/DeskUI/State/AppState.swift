import DeskCore
import Foundation

// Everything the screen shows, changed only by key handlers and service answers (see `App`).
struct AppState: Sendable {
    // Fixed for the session
    // The config file as shown in the header ("~/.config/gdesk/config.toml", or "built-in demo config").
    let configDescription: String
    let readOnly: Bool
    // Who is at the keyboard, for cancels that end without a result.
    let operatorIdentity: OperatorIdentity
    // False when the locale is not UTF-8: ASCII borders and glyphs.
    let unicode: Bool
    let timeZone: ClockZone
    // Rows per history page.
    let historyPageSize: Int
    // No config yet: the screen says where it goes and how to try the desk, and only lets the operator leave.
    var isFirstRun = false

    // Targets and what is known about them
    var targets: [TargetInfo]
    var statuses: [TargetID: RowStatus] = [:]
    var preflight: [String: PreflightResult] = [:]
    var preflightPending: Set<String> = []

    // The target list
    var filter = ""
    var isEditingFilter = false
    var selected: TargetID?
    var scrollTop = 0

    // Everything above the list, top last
    var screens: [Screen] = []

    var size: TerminalSize
    var now: Date
    var flash: Flash?
    var themeName: String
    var themeNames: [String]
    var colorsEnabled: Bool

    // Cancels
    var batches: [Int: CancelBatch] = [:]
    var nextBatchID = 1
    var lastSummary: LastSummary?

    var nextRequestID = 1
    var shouldQuit = false
    // Asked to leave (a signal, a lost terminal, a confirmed quit): the desk waits for its cancels in flight.
    var stopping: StopCause?
    // Why the log file takes no lines, while it does not: a badge on every screen.
    var logProblem: String?
    // Whether the history takes records, and where they go if not: a badge and the status line say so.
    var recordStatus = RecordStatus()
    // Effects produced while handling the current event; `App` takes them.
    var outbox: [Effect] = []

    init(configDescription: String, readOnly: Bool, operatorIdentity: OperatorIdentity, targets: [TargetInfo],
         lastResults: [TargetID: CancelRecord], size: TerminalSize, now: Date, themeName: String, themeNames: [String],
         colorsEnabled: Bool = true, unicode: Bool = true, timeZone: ClockZone = .local, historyPageSize: Int = 200) {
        self.configDescription = configDescription
        self.readOnly = readOnly
        self.operatorIdentity = operatorIdentity
        self.targets = targets
        self.size = size
        self.now = now
        self.themeName = themeName
        self.themeNames = themeNames
        self.colorsEnabled = colorsEnabled
        self.unicode = unicode
        self.timeZone = timeZone
        self.historyPageSize = historyPageSize
        for (id, record) in lastResults {
            statuses[id, default: RowStatus()].last = record
        }
        selected = TargetList.targets(targets, filter: "").first?.id
    }

    // The first-run screen for a config expected at `configDescription`.
    static func firstRun(configDescription: String, size: TerminalSize, now: Date, unicode: Bool) -> AppState {
        var state = AppState(configDescription: configDescription, readOnly: true,
                             operatorIdentity: OperatorIdentity(user: "", host: "", sshClient: nil), targets: [], lastResults: [:],
                             size: size, now: now, themeName: "default", themeNames: [], unicode: unicode)
        state.isFirstRun = true
        return state
    }

    // MARK: Derived

    // Who is at the keyboard, as the log names them ("alice@host").
    var operatorName: String { "\(operatorIdentity.user)@\(operatorIdentity.host)" }

    var rows: [ListRow] { TargetList.rows(targets, filter: filter) }
    var shownTargets: [TargetInfo] { TargetList.targets(targets, filter: filter) }

    var selectedTarget: TargetInfo? {
        guard let selected else { return nil }
        return shownTargets.first { $0.id == selected }
    }

    func target(_ id: TargetID) -> TargetInfo? { targets.first { $0.id == id } }

    // Batches still waiting for a result.
    var activeBatches: [CancelBatch] { batches.values.filter { !$0.finished }.sorted { $0.id < $1.id } }
    // Until its stream ends a cancel may still be recording (refusals), even once every result is shown.
    var isCancelInFlight: Bool { batches.values.contains { !$0.finished || !$0.streamEnded } }

    // Rows of the target list between the column heading and the status line.
    var listHeight: Int { max(1, size.height - 4) }

    // The key table in charge right now.
    var activeKeyTable: KeyTableID {
        if isFirstRun { return .firstRun }
        if size.isBelowMinimum { return .smallTerminal }
        switch screens.last {
        case nil: return isEditingFilter ? .mainFilter : .main
        case .confirm: return .confirm
        case .panic: return .panic
        case .typedConfirm: return .typedConfirm
        case .detail: return .detail
        case .history(let history): return history.isEditingQuery ? .historyFilter : .history
        case .help: return .help
        }
    }

    // MARK: Messages

    mutating func flash(_ level: FlashLevel, _ text: String) {
        flash = Flash(level: level, text: text, expires: now.addingTimeInterval(level.duration))
        outbox.append(.log("[\(level.rawValue)] \(text)"))
    }

    mutating func expireFlash() {
        if let flash, flash.expires <= now { self.flash = nil }
    }

    mutating func requestQuit() {
        shouldQuit = true
        outbox.append(.quit)
    }

    // MARK: The screen stack

    mutating func push(_ screen: Screen) { screens.append(screen) }

    mutating func pop() {
        if !screens.isEmpty { screens.removeLast() }
    }

    // Changes the top screen in place, if it is of the kind `extract` recognises.
    mutating func updateTop<State>(_ extract: (Screen) -> State?, _ wrap: (State) -> Screen, _ change: (inout State) -> Void) {
        guard let top = screens.last, var state = extract(top) else { return }
        change(&state)
        screens[screens.count - 1] = wrap(state)
    }
}
