import DeskCore
import Foundation

// Runs the app against a service: one queue of events in, effects performed, no terminal.
//
// `FrontEnd` feeds it keys and paints what it renders; tests drive it directly with a fake service.
actor Driver {
    private(set) var app: App
    private let service: any DeskService
    private let themeSearchPaths: [String]
    private let clock: @Sendable () -> Date
    private var logFile: FileHandle?
    // Lines logged while handling events, written when they are all handled.
    private var pendingLog: [String] = []

    private var queue: [AppEvent] = []
    private var waiter: CheckedContinuation<AppEvent, Never>?
    // Effects in progress (service calls), by an id; they post their answers as events.
    private var work: [Int: Task<Void, Never>] = [:]
    private var nextWorkID = 0
    private var flashTimer: Task<Void, Never>?
    private var flashTimerDeadline: Date?

    // The theme to paint with; `themeVersion` changes whenever it does.
    private(set) var theme: Theme
    private(set) var themeVersion = 0

    init(app: App, service: any DeskService, theme: Theme, themeSearchPaths: [String], logPath: String? = nil,
         clock: @escaping @Sendable () -> Date = { Date() }) {
        self.app = app
        self.service = service
        self.theme = theme
        self.themeSearchPaths = themeSearchPaths
        self.clock = clock
        if let logPath {
            if !FileManager.default.fileExists(atPath: logPath) {
                _ = FileManager.default.createFile(atPath: logPath, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            logFile = FileHandle(forWritingAtPath: logPath)
            _ = try? logFile?.seekToEnd()
        }
    }

    var state: AppState { app.state }
    var shouldQuit: Bool { app.state.shouldQuit }
    var hasLogFile: Bool { logFile != nil }

    // Adds an event to the queue (from input, from effects, from timers).
    func post(_ event: AppEvent) {
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: event)
        } else {
            queue.append(event)
        }
    }

    // The next event, waiting for one if the queue is empty.
    func nextEvent() async -> AppEvent {
        if !queue.isEmpty { return queue.removeFirst() }
        return await withCheckedContinuation { waiter = $0 }
    }

    // Handles `event` and everything already queued behind it, then performs the effects. Their log lines go out in
    // one write with one time stamp: a panic logs a line per target, mostly within a frame.
    func process(_ event: AppEvent) {
        perform(app.handle(event, now: clock()))
        while !queue.isEmpty, !app.state.shouldQuit {
            perform(app.handle(queue.removeFirst(), now: clock()))
        }
        flushLog()
        scheduleFlashTimer()
    }

    func render() -> ScreenGrid { app.render() }

    // For tests: handles events until none are queued and no service call is still running.
    func settle() async {
        while true {
            while !queue.isEmpty {
                process(queue.removeFirst())
            }
            guard let (id, task) = work.first else { return }
            await task.value
            work[id] = nil
        }
    }

    // Stops timers and service calls that would post to a driver nobody reads any more.
    func shutdown() {
        flushLog()
        flashTimer?.cancel()
        for task in work.values { task.cancel() }
        try? logFile?.close()
        logFile = nil
    }

    // MARK: Effects

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .cancel(let batch, let targets, let scope):
                let stream = service.cancel(targets, scope: scope)
                spawn { driver in
                    for await event in stream {
                        await driver.post(.cancelProgress(batch: batch, event: event))
                    }
                    await driver.post(.cancelStreamEnded(batch: batch))
                }
            case .preflight(let sessions):
                let service = self.service
                spawn { driver in await driver.post(.preflightFinished(await service.preflight(sessions))) }
            case .reloadTargets:
                let service = self.service
                spawn { driver in await driver.post(.targetsReloaded(await service.targets())) }
            case .loadHistory(let request, let filter):
                let service = self.service
                spawn { driver in
                    do {
                        await driver.post(.historyLoaded(request: request, entries: try await service.history(filter)))
                    } catch {
                        await driver.post(.historyFailed(request: request, message: "\(error)"))
                    }
                }
            case .explain(let target, let orderID):
                let service = self.service
                spawn { driver in
                    let text = await service.explain(target, orderID: orderID)
                    await driver.post(.explained(target: target, orderID: orderID, text: text))
                }
            case .loadTheme(let name):
                let result = ThemeLoader.load(name, searchPaths: themeSearchPaths)
                theme = result.theme
                themeVersion += 1
                post(.themeApplied(name: name, warning: result.warning))
            case .log(let line):
                write(line)
            case .quit:
                break
            }
        }
    }

    private func spawn(_ body: @escaping @Sendable (Driver) async -> Void) {
        let id = nextWorkID
        nextWorkID += 1
        work[id] = Task { [self] in
            await body(self)
            self.finished(id)
        }
    }

    private func finished(_ id: Int) {
        work[id] = nil
    }

    private func write(_ line: String) {
        guard logFile != nil else { return }
        pendingLog.append(line)
    }

    private func flushLog() {
        guard let logFile, !pendingLog.isEmpty else { return }
        let stamp = ClockZone.utc.civil(clock()).iso8601
        var text = ""
        for line in pendingLog {
            text += "\(stamp) \(line)\n"
        }
        pendingLog = []
        logFile.write(Data(text.utf8))
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
            self.flashTimerDeadline = nil
            self.post(.tick)
        }
    }
}
