@testable import DeskUI
import DeskCore
import Foundation
import GeminiClient
import Testing

// A signal, a lost terminal or a confirmed quit never abandons a cancel: the desk leaves once every cancel in flight has
// ended (its outcome recorded by the desk before the result is streamed) and its stream is over.
@Suite struct StopTests {
    static let wide = TerminalSize(width: 120, height: 40)

    // The app with a panic over every sample target just confirmed: queued, nothing answered yet.
    static func panicking() -> App {
        var app = Harness.app(size: wide)
        _ = Harness.press([.char("!")] + Harness.type("yes") + [.enter], into: &app)
        for target in Sample.targets {
            _ = app.handle(.cancelProgress(batch: 1, record: Sample.live(target.id, .sent(attempt: 1))), now: Sample.now)
        }
        return app
    }

    static func result(_ target: TargetInfo) -> AppEvent {
        .cancelProgress(batch: 1, record: Sample.settled(target.id, .ok, latencyMs: 40))
    }

    @Test(arguments: [StopCause.signal(SIGHUP), .signal(SIGTERM), .signal(SIGINT), .terminalGone])
    func aStopDuringAPanicWaitsForEveryResultAndTheStreamsEnd(cause: StopCause) {
        var app = Self.panicking()
        #expect(!app.handle(.stop(cause), now: Sample.now).contains(.quit))
        #expect(app.state.stopping == cause)
        let text = app.render().text
        #expect(text.contains("LEAVING"))
        #expect(text.contains("\(cause): leaving once the cancels in flight have their outcome recorded; nothing new is sent"))
        // Once the flash is gone, the status line keeps saying it, with the count.
        _ = app.handle(.tick, now: Sample.now.addingTimeInterval(60))
        #expect(app.render().text.contains("\(cause): leaving once 6 cancels in flight have their outcome recorded"))
        for target in Sample.targets {
            #expect(!app.handle(Self.result(target), now: Sample.now).contains(.quit), "quit before the stream ended")
        }
        #expect(app.handle(.cancelStreamEnded(batch: 1), now: Sample.now).contains(.quit))
        #expect(app.state.shouldQuit)
    }

    @Test func aStopWithNothingInFlightLeavesAtOnce() {
        var app = Harness.app()
        #expect(app.handle(.stop(.signal(SIGHUP)), now: Sample.now).contains(.quit))
    }

    @Test func noNewCancelStartsWhileLeaving() {
        var app = Self.panicking()
        // A dialog that would start a cancel closes when the stop comes.
        _ = Harness.press([.char("!")], into: &app)
        #expect(app.state.screens.last?.panic != nil)
        _ = app.handle(.stop(.signal(SIGTERM)), now: Sample.now)
        #expect(app.state.screens.isEmpty)
        for keys in [[Key.char("c"), .char("y")], [.char("!")] + Harness.type("yes") + [.enter], [.char("X")]] {
            let effects = Harness.press(keys, into: &app)
            #expect(Harness.cancels(effects).isEmpty)
            #expect(!app.state.screens.contains { if case .detail = $0 { false } else { true } }, "\(app.state.screens)")
            #expect(app.state.flash?.text == "leaving: no new cancel is started")
        }
    }

    @Test func quitDuringAPanicAsksWithTheCountAsItIsAndWaits() {
        var app = Self.panicking()
        _ = Harness.press([.char("q")], into: &app)
        #expect(app.state.screens.last?.confirm?.kind == .quit)
        let dialog = app.render().text
        #expect(dialog.contains("6 targets have no result yet. Quitting waits until"), "\(dialog)")
        _ = app.handle(Self.result(Sample.deskA), now: Sample.now)
        #expect(app.render().text.contains("5 targets have no result yet."), "the dialog's count follows the results")
        #expect(!Harness.press([.char("y")], into: &app).contains(.quit))
        #expect(app.state.stopping == .quit)
        for target in Sample.targets.dropFirst() { _ = app.handle(Self.result(target), now: Sample.now) }
        #expect(app.handle(.cancelStreamEnded(batch: 1), now: Sample.now).contains(.quit))
    }

    @Test func aLogThatCannotBeOpenedIsTheSameBadge() async throws {
        let service = FakeDeskService()
        let app = App(state: Harness.state(), keyMap: KeyMap(readOnly: false))
        let loop = EventLoop(app: app, service: service, theme: .builtInDefault, themeSearchPaths: [],
                             logPath: "/proc/version/gdesk.log", clock: { Sample.now })
        await loop.settle()
        let problem = try #require(await loop.state.logProblem)
        #expect(problem.hasPrefix("cannot open the log /proc/version/gdesk.log ("), "\(problem)")
        #expect(await loop.render().text.split(separator: "\n").first?.contains("NO LOG") == true)
        await Harness.press([.char("c"), .char("y")], into: loop)
        #expect(service.cancelCalls.count == 1)
    }

    // The log is /dev/full: every write fails with ENOSPC. The panic goes out, the operator is told once.
    @Test func aLogThatCannotBeWrittenIsAWarningAndThePanicGoesOut() async {
        let service = FakeDeskService()
        let app = App(state: Harness.state(), keyMap: KeyMap(readOnly: false))
        let loop = EventLoop(app: app, service: service, theme: .builtInDefault, themeSearchPaths: [], logPath: "/dev/full",
                             clock: { Sample.now })
        await Harness.press([.char("!")] + Harness.type("yes") + [.enter], into: loop)
        #expect(service.cancelCalls.count == 1)
        #expect(service.cancelCalls.first?.targets.count == Sample.targets.count)
        let summary = await loop.state.lastSummary
        #expect(summary?.batch.targets.count == Sample.targets.count)
        #expect(await loop.state.logProblem == "cannot write the log /dev/full (No space left on device); cancels go out as ever")
        let screen = await loop.render().text
        #expect(screen.split(separator: "\n").first?.contains("NO LOG") == true, "\(screen)")
        // Told once: later failures say nothing new, and the badge stays.
        await Harness.press([.char("j"), .char("c"), .char("y")], into: loop)
        #expect(service.cancelCalls.count == 2)
        #expect(await loop.state.flash?.text.contains("cannot write the log") == false)
        #expect(await loop.render().text.split(separator: "\n").first?.contains("NO LOG") == true)
        var mode = stat()
        #expect(stat("/dev/full", &mode) == 0 && mode.st_mode & 0o777 == 0o666, "the device is left as it is")
    }
}
