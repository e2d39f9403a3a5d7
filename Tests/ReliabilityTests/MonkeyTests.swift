@testable import DeskUI
import DeskCore
import Foundation
import SimulatedExchange
import TestSupport
import Testing

/// Random key presses, as from a cat, a dropped book, or a chat message typed into the wrong window.
///
/// Every key the front end can receive is drawn with equal chance: printable ASCII, a few non-ASCII characters, arrows
/// and editing keys, F1–F12 and Ctrl with each letter, except the two quit keys (`q`, Ctrl-c): quitting on them is
/// intended, and the point is what happens while the desk stays open; and except `y`, the one key that confirms a
/// cancel. Issue 4 asks for random presses with no typed confirmation: the confirmation is the operator's deliberate
/// act, and this checks that nothing else — no other key, no sequence of them — can stand in for it.
struct Monkey {
    static let keys: [Key] = {
        var keys: [Key] = (0x20...0x7E).map { Key.char(Character(UnicodeScalar(UInt8($0)))) }.filter { $0 != .char("q") && $0 != .char("y") }
        keys += ["é", "ß", "日", "€", "🙂"].map { Key.char($0) }
        keys += [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab, .backspace, .delete]
        keys += (1...12).map { Key.function($0) }
        keys += "abdefghijklmnopqrstuvwxyz".map { Key.ctrl($0) }
        return keys
    }()

    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func next() -> Key { Self.keys.randomElement(using: &generator)! }

    /// The bytes an xterm-like terminal sends for `key` (what tmux passes to gdesk).
    static func bytes(_ key: Key) -> [UInt8] {
        let esc: UInt8 = 0x1B
        func csi(_ tail: String) -> [UInt8] { [esc, UInt8(ascii: "[")] + Array(tail.utf8) }
        switch key {
        case .char(let c): return Array(String(c).utf8)
        case .ctrl(let c): return [c.asciiValue! & 0x1F]
        case .up: return csi("A")
        case .down: return csi("B")
        case .right: return csi("C")
        case .left: return csi("D")
        case .home: return csi("H")
        case .end: return csi("F")
        case .pageUp: return csi("5~")
        case .pageDown: return csi("6~")
        case .delete: return csi("3~")
        case .backTab: return csi("Z")
        case .enter: return [0x0D]
        case .tab: return [0x09]
        case .backspace: return [0x7F]
        case .escape: return [esc]
        case .function(let n):
            if n <= 4 { return [esc, UInt8(ascii: "O"), UInt8(ascii: "P") + UInt8(n - 1)] }
            let codes = [5: "15", 6: "17", 7: "18", 8: "19", 9: "20", 10: "21", 11: "23", 12: "24"]
            return csi(codes[n]! + "~")
        }
    }
}

extension Reliability {
    /// Item 4: random keys never send a cancel, and the desk keeps running and drawing.
    @Suite struct RandomKeys {
        /// A desk with a session allowed to cancel everything (so the cancel-all dialog is reachable too).
        static func fixture() async throws -> DeskFixture {
            let fixture = try await DeskFixture(extraConfig: """
                [[session]]
                name = "wide"
                api_key = "account-alpha0001"
                secret_file = "secrets/alpha"
                allow_cancel_all = true

                """)
            try fixture.pointAtExchange(["wide"])
            return fixture
        }

        @Test func randomKeysIntoTheStateMachineNeverCancel() async throws {
            let fixture = try await Self.fixture()
            defer { Task { await fixture.tearDown() } }
            let screen = try await LiveScreen(fixture)
            let count = Scale.count("KEYS", ci: 20_000, torture: 100_000)
            var monkey = Monkey(seed: Scale.seed)
            var dialogs = 0
            var renders = 0
            var started = 0
            var pressed = 0
            var firstCancel: String?
            let start = ContinuousClock.now
            for index in 0..<count {
                let key = monkey.next()
                screen.driver.post(.key(key))
                await screen.driver.settle()
                let state = await screen.driver.state
                if state.screens.contains(where: { $0.confirm != nil || $0.panic != nil || $0.typedConfirm != nil }) { dialogs += 1 }
                if index % 10 == 0 || state.nextBatchID > started + 1 {
                    _ = await screen.driver.render()
                    renders += 1
                }
                if state.nextBatchID > started + 1 {
                    started = state.nextBatchID - 1
                    if firstCancel == nil { firstCancel = "key \(index + 1) (\(key))" }
                }
                if state.shouldQuit {
                    Issue.record("the desk quit after key \(index + 1) (\(key))")
                    break
                }
                pressed += 1
            }
            let elapsed = ContinuousClock.now - start
            await screen.close()
            let sent = fixture.cancelRequests.count
            #expect(SecretAudit.leaks(in: fixture.directory).isEmpty, "\(SecretAudit.leaks(in: fixture.directory))")
            Report.note("keys", "state machine on the real desk: \(pressed) random keys (seed \(Scale.seed)), \(dialogs) with a cancel "
                            + "dialog open, \(renders) screens drawn, \(started) cancels started (first after \(firstCancel ?? "-")), "
                            + "\(sent) cancel requests at the exchange, \(elapsed.milliseconds) ms")
            #expect(started == 0)
            #expect(sent == 0)
        }

        @Test func randomKeysIntoTheRealFrontEndNeverCancel() async throws {
            let fixture = try await Self.fixture()
            defer { Task { await fixture.tearDown() } }
            let tmux = try await Self.frontEnd(fixture)
            try await tmux.waitFor("faulty")
            let count = Scale.count("TMUX_KEYS", ci: 3_000, torture: 100_000)
            var monkey = Monkey(seed: Scale.seed &+ 1)
            var sentKeys = 0
            var checks = 0
            let start = ContinuousClock.now
            while sentKeys < count {
                var bytes: [UInt8] = []
                for _ in 0..<min(40, count - sentKeys) {
                    bytes += Monkey.bytes(monkey.next())
                    sentKeys += 1
                }
                try await tmux.send(bytes: bytes)
                try await Task.sleep(for: .milliseconds(5))
                if sentKeys % 1_000 < 40 || sentKeys == count {
                    guard try await !tmux.paneState().dead else {
                        Issue.record("gdesk exited after \(sentKeys) keys:\n\(try await tmux.capture())")
                        break
                    }
                    // Still drawing: back to the list (one Esc at a time, each its own read), then filter by a new word.
                    let mark = "monkey\(checks)"
                    for _ in 0..<4 {
                        try await tmux.send("Escape")
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    try await tmux.send("/")
                    try await tmux.type(mark)
                    try await tmux.waitFor(mark)
                    for _ in 0..<2 {
                        try await tmux.send("Escape")
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    checks += 1
                }
            }
            let elapsed = ContinuousClock.now - start
            try FileManager.default.createDirectory(atPath: fixture.directory + "/screens", withIntermediateDirectories: true)
            try await tmux.captureWithEscapes().write(toFile: fixture.directory + "/screens/monkey.txt", atomically: true, encoding: .utf8)
            let running = try await !tmux.paneState().dead
            await tmux.killServer()
            #expect(running)
            let sent = fixture.cancelRequests.count
            #expect(SecretAudit.leaks(in: fixture.directory).isEmpty, "\(SecretAudit.leaks(in: fixture.directory))")
            Report.note("keys", "real front end in tmux: \(sentKeys) random keys (seed \(Scale.seed &+ 1)), \(checks) drawing checks, "
                            + "still running: \(running), \(sent) cancel requests at the exchange, \(elapsed.milliseconds) ms")
            #expect(sent == 0)
        }

        /// The real front end on `fixture`, in tmux.
        static func frontEnd(_ fixture: DeskFixture, width: Int = 120, height: Int = 40) async throws -> TmuxSession {
            try await TmuxSession(command: [GDeskBinary.path, "--config", fixture.configPath, "--history", fixture.historyPath, "ui"],
                                  environment: fixture.environment.merging(["LANG": "C.UTF-8"]) { a, _ in a },
                                  directory: fixture.directory, width: width, height: height)
        }
    }
}
