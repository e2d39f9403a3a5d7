@testable import DeskUI
import DeskCore
import Testing

// Which keys reach `service.cancel`, and which never do.
@Suite struct CancelDispatchTests {
    @Test func cThenYCancelsTheSelectedTargetOnly() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("c"), .char("y")], into: driver)
        #expect(service.cancelCalls.count == 1)
        #expect(service.cancelCalls.first?.targets == [Sample.deskA.id])
        #expect(service.cancelCalls.first?.endpoint == .session)
    }

    @Test func theCancelGoesToTheTargetUnderTheSelection() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("j"), .char("j"), .char("c"), .char("y")], into: driver)
        #expect(service.cancelCalls.map(\.targets) == [[Sample.alpha.id]])
    }

    @Test func enterPressesNoWhichHasFocus() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("c"), .enter], into: driver)
        #expect(service.cancelCalls.isEmpty)
        #expect(await driver.state.screens.isEmpty)
    }

    @Test func onlyYConfirms() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        // Focus cannot be moved onto Yes: Tab, arrows and l do nothing, Enter still means No.
        await Harness.press([.char("c"), .tab, .right, .char("l"), .backTab, .enter], into: driver)
        #expect(service.cancelCalls.isEmpty)
        #expect(await driver.state.screens.isEmpty)
        await Harness.press([.char("c"), .char("y")], into: driver)
        #expect(service.cancelCalls.map(\.targets) == [[Sample.deskA.id]])
    }

    @Test func theTriggerKeyDoesNotConfirm() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("c"), .char("c"), .char("c")], into: driver)
        #expect(service.cancelCalls.isEmpty)
        #expect(await driver.state.screens.count == 1)
    }

    @Test(arguments: [Key.char("n"), .escape])
    func noAndEscapeAbort(key: Key) async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("c"), key, .char("y")], into: driver)
        #expect(service.cancelCalls.isEmpty)
        #expect(await driver.state.screens.isEmpty)
    }

    @Test func panicIsNotConfirmedByYThenEnter() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("!"), .char("y"), .enter], into: driver)
        #expect(service.cancelCalls.isEmpty)
        let panic = await driver.state.screens.last?.panic
        #expect(panic?.refused == true)
        #expect(await driver.render().text.contains("type yes (the whole word)"))
    }

    @Test func aRefusedEnterEmptiesTheField() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("!"), .char("y"), .enter] + Harness.type("es") + [.enter], into: driver)
        #expect(service.cancelCalls.isEmpty)
        await Harness.press([.escape, .char("X"), .char("d"), .enter] + Harness.type("esk-a") + [.enter], into: driver)
        #expect(service.cancelCalls.isEmpty)
    }

    @Test func typingYesThenEnterCancelsEveryTargetAtOnce() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("!")] + Harness.type("yes") + [.enter], into: driver)
        #expect(service.cancelCalls.count == 1)
        #expect(service.cancelCalls.first?.targets == Sample.targets.map(\.id))
        #expect(service.cancelCalls.first?.endpoint == .session)
    }

    @Test func panicWithAFilterCancelsOnlyTheFilteredTargets() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("/")] + Harness.type("master") + [.enter, .char("!")] + Harness.type("yes") + [.enter],
                            into: driver)
        #expect(service.cancelCalls.map(\.targets) == [[Sample.alpha.id, Sample.beta.id, Sample.gamma.id]])
    }

    @Test func backspaceInThePanicFieldUndoesTyping() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("!")] + Harness.type("yess") + [.backspace, .escape], into: driver)
        #expect(service.cancelCalls.isEmpty)
        await Harness.press([.char("!")] + Harness.type("yess") + [.backspace, .enter], into: driver)
        #expect(service.cancelCalls.count == 1)
    }

    @Test func cancelAllNeedsTheSessionNameTyped() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("X")] + Harness.type("yes") + [.enter], into: driver)
        #expect(service.cancelCalls.isEmpty)
        await Harness.press([.escape, .char("X")] + Harness.type("desk-a") + [.enter], into: driver)
        #expect(service.cancelCalls.count == 1)
        #expect(service.cancelCalls.first?.targets == [Sample.deskA.id])
        #expect(service.cancelCalls.first?.endpoint == .all)
    }

    @Test func cancelAllIsRefusedWhereTheConfigDoesNotAllowIt() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("j"), .char("X")], into: driver)
        #expect(await driver.state.screens.isEmpty)
        #expect(await driver.state.flash?.text.contains("not allowed") == true)
        // And its key leaves the footer for that target.
        #expect(!(await driver.render().lines.last ?? "").contains("cancel-all"))
    }

    @Test(arguments: [true, false])
    func readOnlyNeverCancels(viaService: Bool) async {
        let service = FakeDeskService(readOnly: viaService)
        let driver = Harness.driver(service, readOnly: !viaService)
        await Harness.press([.char("c"), .char("y"), .char("!")] + Harness.type("yes") + [.enter, .char("X")]
                            + Harness.type("desk-a") + [.enter], into: driver)
        #expect(service.cancelCalls.isEmpty)
        // Enter after "yes" opened the details view; no dialog ever opened.
        let screens = await driver.state.screens
        #expect(screens.allSatisfy { $0.detail != nil })
    }

    @Test func readOnlyExplainsWhyTheCancelKeyDoesNothing() {
        var app = Harness.app(readOnly: true)
        let effects = Harness.press([.char("c")], into: &app)
        #expect(Harness.cancels(effects).isEmpty)
        #expect(app.state.screens.isEmpty)
        #expect(app.state.flash?.text == "read-only: cancel keys are off")
    }

    @Test func aTargetWithACancelInFlightIsNotCancelledTwice() {
        var app = Harness.app()
        var effects = Harness.press([.char("c"), .char("y")], into: &app)
        #expect(Harness.cancels(effects) == [[Sample.deskA.id]])
        effects = Harness.press([.char("c"), .char("y")], into: &app)
        #expect(Harness.cancels(effects).isEmpty)
        #expect(app.state.flash?.text.contains("already in flight") == true)
    }

    @Test func quitAsksWhileACancelIsInFlight() {
        var app = Harness.app()
        _ = Harness.press([.char("c"), .char("y")], into: &app)
        var effects = Harness.press([.char("q")], into: &app)
        #expect(!effects.contains(.quit))
        #expect(app.state.screens.last?.confirm?.kind == .quit)
        effects = Harness.press([.enter], into: &app)
        #expect(!effects.contains(.quit))
        // Yes waits for the cancel in flight to end and be recorded, then quits.
        effects = Harness.press([.char("q"), .char("y")], into: &app)
        #expect(!effects.contains(.quit))
        #expect(app.state.stopping == .quit)
        let result = Sample.settled(Sample.deskA.id, .ok, latencyMs: 9)
        _ = app.handle(.cancelProgress(batch: 1, record: result), now: Sample.now)
        #expect(app.handle(.cancelStreamEnded(batch: 1), now: Sample.now).contains(.quit))
    }

    @Test func quitIsImmediateWhenNothingIsInFlight() {
        var app = Harness.app()
        #expect(Harness.press([.char("q")], into: &app).contains(.quit))
    }
}
