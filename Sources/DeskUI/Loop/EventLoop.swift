import DeskCore
import Foundation

// The front end's one event loop. Everything that happens comes in through the inbox (keys and the terminal, service
// answers, timers); the app's state machine handles it; the effects it asks for are performed here; the screen is
// painted on the terminal's actor, the only place that calls curses.
//
// `run(on:)` is the loop with a terminal. Tests drive the same loop without one: `post`, then `settle`.
actor EventLoop {
    private(set) var app: App
    private let inbox = Inbox()
    // Nil for the first-run screen, which asks for nothing.
    private let service: (any DeskService)?
    private let themeSearchPaths: [String]
    private let clock: @Sendable () -> Date
    private var log: ActionLog?
    // Service calls in progress, by an id; they post their answers to the inbox.
    private var work: [Int: Task<Void, Never>] = [:]
    private var nextWorkID = 0
    private var flashTimer: Task<Void, Never>?
    private var flashTimerDeadline: Date?
    // The terminal hung up: nothing is drawn or read any more, and it is not restored.
    private var terminalGone = false

    // The theme to paint with; `themeVersion` changes whenever it does.
    private(set) var theme: Theme
    private(set) var themeVersion = 0

    init(app: App, service: (any DeskService)?, theme: Theme, themeSearchPaths: [String], logPath: String? = nil,
         clock: @escaping @Sendable () -> Date = { Date() }) {
        self.app = app
        self.service = service
        self.theme = theme
        self.themeSearchPaths = themeSearchPaths
        self.clock = clock
        if let logPath {
            do {
                log = ActionLog(file: try LogFile(path: logPath))
            } catch {
                inbox.post(.app(.logProblem("cannot open the log \(logPath) (\(error.localizedDescription)); cancels go out as ever")))
            }
        }
    }

    var state: AppState { app.state }

    // Queues an event; the loop handles it with everything else queued.
    nonisolated func post(_ event: AppEvent) {
        inbox.post(.app(event))
    }

    func render() -> ScreenGrid { app.render() }

    // MARK: With a terminal

    // Paints, waits for events, handles everything queued, paints again, until the app quits; then gives the terminal
    // back, if there still is one. A signal or a lost terminal makes the app leave only once its cancels in flight have
    // ended and been recorded. Returns 0 after a quit, 1 when stopped by a signal or a lost terminal.
    func run(on session: TerminalSession, colors: Bool) async -> Int32 {
        let terminal = session.terminal
        session.pump.start { [inbox] wake in inbox.post(.terminal(wake)) }
        var painted: ScreenGrid?
        var paintedTheme = -1
        var stopped = false
        handle(.tick)
        while true {
            // Once the terminal is gone there is nothing to draw on; the loop goes on until the cancels have ended.
            if !terminalGone {
                if themeVersion != paintedTheme {
                    await terminal.apply(theme, colors: colors)
                    paintedTheme = themeVersion
                    painted = nil
                }
                let grid = app.render()
                if grid != painted {
                    await terminal.paint(grid)
                    painted = grid
                }
            }
            if app.state.shouldQuit { break }
            await inbox.wait()
            if await handleQueued(session: session) { stopped = true }
        }
        shutdown()
        session.pump.stop()
        if !terminalGone { await terminal.close() }
        return stopped ? 1 : 0
    }

    // MARK: Handling

    // Handles `event` and everything queued behind it.
    func process(_ event: AppEvent) async {
        handle(event)
        _ = await handleQueued(session: nil)
    }

    // For tests: handles events until none are queued and no service call is still running.
    func settle() async {
        while true {
            _ = await handleQueued(session: nil)
            guard let (id, task) = work.first else { return }
            await task.value
            work[id] = nil
        }
    }

    // Handles everything queued, and what that queues in turn, then writes the log once. Keys are read from the
    // terminal when it says they are waiting. Returns whether a signal or a lost terminal asked the desk to stop.
    private func handleQueued(session: TerminalSession?) async -> Bool {
        var stopped = false
        var events = inbox.take()
        while !events.isEmpty, !app.state.shouldQuit {
            for event in events where !app.state.shouldQuit {
                switch event {
                case .app(let event):
                    handle(event)
                case .terminal(.input):
                    guard let session, !terminalGone else { continue }
                    for event in await session.terminal.readInput() where !app.state.shouldQuit { handle(event) }
                    session.pump.resume()
                case .terminal(.stop(let signal)):
                    stopped = true
                    handle(.stop(.signal(signal)))
                case .terminal(.hangup):
                    stopped = true
                    terminalGone = true
                    handle(.stop(.terminalGone))
                }
            }
            events = inbox.take()
        }
        if log?.flush(at: clock()) == true {
            handle(.logProblem(log?.problem))
            // The warning's own line is dropped if the log still fails (and says nothing new if so).
            _ = log?.flush(at: clock())
        }
        scheduleFlashTimer()
        return stopped
    }

    private func handle(_ event: AppEvent) {
        perform(app.handle(event, now: clock()))
    }

    // Stops timers and service calls that would post to a loop nobody runs any more. A cancel already started runs to
    // its end in the desk regardless.
    func shutdown() {
        _ = log?.flush(at: clock())
        flashTimer?.cancel()
        for task in work.values { task.cancel() }
    }

    // MARK: Effects

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .cancel(let batch, let targets, let endpoint):
                guard let service else { continue }
                let stream = service.cancel(targets, endpoint: endpoint)
                spawn { inbox in
                    for await record in stream {
                        inbox.post(.app(.cancelProgress(batch: batch, record: record)))
                    }
                    inbox.post(.app(.cancelStreamEnded(batch: batch)))
                }
            case .preflight(let sessions):
                guard let service else { continue }
                spawn { inbox in inbox.post(.app(.preflightFinished(await service.preflight(sessions)))) }
            case .reloadTargets:
                guard let service else { continue }
                spawn { inbox in inbox.post(.app(.targetsReloaded(await service.targets()))) }
            case .loadHistory(let request, let filter):
                guard let service else { continue }
                spawn { inbox in
                    do {
                        inbox.post(.app(.historyLoaded(request: request, entries: try await service.history(filter))))
                    } catch {
                        inbox.post(.app(.historyFailed(request: request, message: "\(error)")))
                    }
                }
            case .explain(let target, let orderID):
                guard let service else { continue }
                spawn { inbox in
                    let text = await service.explain(target, orderID: orderID)
                    inbox.post(.app(.explained(target: target, orderID: orderID, text: text)))
                }
            case .loadTheme(let name):
                let result = ThemeLoader.load(name, searchPaths: themeSearchPaths)
                theme = result.theme
                themeVersion += 1
                post(.themeApplied(name: name, warning: result.warning))
            case .log(let line):
                log?.add(line)
            case .quit:
                break
            }
        }
    }

    private func spawn(_ body: @escaping @Sendable (Inbox) async -> Void) {
        let id = nextWorkID
        nextWorkID += 1
        let inbox = self.inbox
        work[id] = Task {
            await body(inbox)
            self.finished(id)
        }
    }

    private func finished(_ id: Int) {
        work[id] = nil
    }

    // A timer only while a flash is showing, so an idle desk wakes for nothing.
    private func scheduleFlashTimer() {
        let deadline = app.state.flash?.expires
        guard deadline != flashTimerDeadline else { return }
        flashTimer?.cancel()
        flashTimerDeadline = deadline
        guard let deadline else {
            flashTimer = nil
            return
        }
        let delay = max(0.05, deadline.timeIntervalSince(clock()))
        flashTimer = Task { [self] in
            try? await Task.sleep(for: .milliseconds(Int(delay * 1000) + 20))
            guard !Task.isCancelled else { return }
            // A tick that arrives a little early must be able to schedule the next one.
            self.timerFired()
        }
    }

    private func timerFired() {
        flashTimerDeadline = nil
        post(.tick)
    }
}
