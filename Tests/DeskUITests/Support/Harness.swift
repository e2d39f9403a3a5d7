@testable import DeskUI
import DeskCore
import Foundation
import Testing

// Builds apps and drivers over the sample desk, and checks screens against the expected text.
enum Harness {
    static func state(size: TerminalSize = TerminalSize(width: 80, height: 24), readOnly: Bool = false,
                      targets: [TargetInfo] = Sample.targets, lastResults: [TargetID: CancelRecord] = Sample.lastResults,
                      unicode: Bool = true, historyPageSize: Int = 200) -> AppState {
        AppState(configDescription: "~/.config/gdesk/config.toml", readOnly: readOnly, operatorIdentity: Sample.operatorAtDesk,
                 targets: targets, lastResults: lastResults, size: size, now: Sample.now, themeName: "default",
                 themeNames: ["default", "high-contrast", "light", "mono"], unicode: unicode, timeZone: Sample.utc,
                 historyPageSize: historyPageSize)
    }

    static func app(size: TerminalSize = TerminalSize(width: 80, height: 24), readOnly: Bool = false,
                    overrides: [String: String] = [:], unicode: Bool = true) -> App {
        App(state: state(size: size, readOnly: readOnly, unicode: unicode), keyMap: KeyMap(readOnly: readOnly, overrides: overrides))
    }

    static func driver(_ service: FakeDeskService, size: TerminalSize = TerminalSize(width: 80, height: 24),
                       readOnly: Bool = false, overrides: [String: String] = [:]) -> EventLoop {
        let isReadOnly = readOnly || service.readOnly
        let app = App(state: state(size: size, readOnly: isReadOnly), keyMap: KeyMap(readOnly: isReadOnly, overrides: overrides))
        return EventLoop(app: app, service: service, theme: .builtInDefault, themeSearchPaths: [themesFolder],
                      clock: { Sample.now })
    }

    // `themes/` at the top of the package.
    static let themesFolder: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("themes")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.toml").path) {
                return candidate.path
            }
        }
        return "themes"
    }()

    // Feeds keys one at a time; `"yes"` types y, e, s.
    static func press(_ keys: [Key], into app: inout App) -> [Effect] {
        keys.flatMap { app.handle(.key($0), now: Sample.now) }
    }

    static func type(_ text: String) -> [Key] { text.map { .char($0) } }

    static func press(_ keys: [Key], into driver: EventLoop) async {
        for key in keys {
            driver.post(.key(key))
            await driver.settle()
        }
    }

    static func cancels(_ effects: [Effect]) -> [[TargetID]] {
        effects.compactMap { if case .cancel(_, let targets, _) = $0 { targets } else { nil } }
    }

    // Compares `grid` with the expected screen called `name`. With `DESKUI_RECORD` set, writes what it got to
    // `DESKUI_RECORD`'s folder instead of failing, for review.
    static func expectScreen(_ grid: ScreenGrid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = grid.text
        if let folder = ProcessInfo.processInfo.environment["DESKUI_RECORD"] {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? actual.write(toFile: "\(folder)/\(name).txt", atomically: true, encoding: .utf8)
            return
        }
        guard let expected = ExpectedScreens.all[name] else {
            Issue.record(Comment(rawValue: "no expected screen named \(name); got:\n\(actual)"), sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            var diff: [String] = []
            for i in 0..<max(a.count, e.count) {
                let got = i < a.count ? String(a[i]) : "<none>"
                let want = i < e.count ? String(e[i]) : "<none>"
                if got != want { diff.append("line \(i + 1):\n  want |\(want)|\n  got  |\(got)|") }
            }
            let message = "screen \(name) differs:\n" + diff.joined(separator: "\n")
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }
}
