@testable import DeskUI
import DeskCore
import GeminiClient
import Testing

// Outcomes that arrive together are handled together and drawn once; the screen must be the one that drawing after
// each of them would end with.
@Suite struct CoalescingTests {
    static let wide = TerminalSize(width: 120, height: 40)

    // A panic over every sample target: queued, sent, and a result for each, then the end of the stream.
    static func panicEvents() -> [AppEvent] {
        let targets = Sample.targets.map(\.id)
        var events: [AppEvent] = []
        for target in targets {
            events.append(.cancelProgress(batch: 1, record: Sample.live(target, .queued)))
        }
        for (index, target) in targets.enumerated() {
            events.append(.cancelProgress(batch: 1, record: Sample.live(target, .sent(attempt: 1))))
            let result = Sample.settled(target, index == 2 ? .error : .ok, cancelled: index == 2 ? [] : [UInt64(index)],
                                        reason: index == 2 ? "InvalidNonce" : nil, latencyMs: 50 + index)
            events.append(.cancelProgress(batch: 1, record: result))
        }
        events.append(.cancelStreamEnded(batch: 1))
        return events
    }

    @Test func eventsHandledTogetherEndOnTheScreenOfEventsHandledOneByOne() async {
        var oneByOne = Harness.app(size: Self.wide)
        _ = Harness.press([.char("!")] + Harness.type("yes") + [.enter], into: &oneByOne)
        var frames = 0
        for event in Self.panicEvents() {
            _ = oneByOne.handle(event, now: Sample.now)
            _ = oneByOne.render()
            frames += 1
        }

        var app = Harness.app(size: Self.wide)
        _ = Harness.press([.char("!")] + Harness.type("yes") + [.enter], into: &app)
        let driver = EventLoop(app: app, service: FakeDeskService(), theme: .builtInDefault, themeSearchPaths: [],
                            clock: { Sample.now })
        for event in Self.panicEvents() { driver.post(event) }
        // One call handles everything queued: the front end draws one frame for all of it.
        await driver.process(.tick)
        #expect(await driver.render() == oneByOne.render())
        #expect(await driver.render().text.contains("PANIC done: \(Sample.targets.count - 1) ok"))
        #expect(frames == Self.panicEvents().count)
    }
}
