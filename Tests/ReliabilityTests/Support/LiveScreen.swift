@testable import DeskUI
import DeskCore
import Foundation
import GeminiClient
import TestSupport

/// The front end's state machine and renderer over the real desk (config, secrets, history, curl, nonces) of a fixture:
/// what the operator's screen shows, without a terminal. Shares the fixture's nonce directory with the binary.
final class LiveScreen: @unchecked Sendable {
    let desk: Desk
    let driver: EventLoop
    let transport: CurlTransport
    let history: HistoryStore

    init(_ fixture: DeskFixture, historyFile: String? = nil, width: Int = 140, height: Int = 40) async throws {
        let config = try ConfigLoader.load(path: fixture.configPath, environment: fixture.environment)
        var options = CurlTransport.Options()
        options.trust = config.caTrust
        transport = CurlTransport(options: options)
        history = try HistoryStore(path: historyFile ?? fixture.directory + "/screen-history.sqlite3")
        let resolver = SecretResolver(environment: fixture.environment)
        desk = Desk(config: config, history: history, transport: transport,
                    nonces: NonceStore(directory: fixture.directory + "/state/gdesk/nonces"),
                    identity: OperatorIdentity(user: "tester", host: "desk", sshClient: nil),
                    secret: { try resolver.resolve($0.secret, session: $0.name) })
        let state = AppState(configDescription: fixture.configPath, readOnly: false, operatorIdentity: OperatorIdentity(user: "tester", host: "desk", sshClient: nil),
                             targets: await desk.targets(), lastResults: await desk.lastResults(),
                             size: TerminalSize(width: width, height: height), now: Date(), themeName: "default",
                             themeNames: ["default"])
        driver = EventLoop(app: App(state: state, keyMap: KeyMap(readOnly: false, overrides: config.keys)), service: desk,
                        theme: .builtInDefault, themeSearchPaths: [], logPath: fixture.directory + "/state/gdesk/screen.log")
    }

    /// Feeds keys one at a time, each handled with everything it started (service calls) before the next.
    func press(_ keys: [Key]) async {
        for key in keys {
            driver.post(.key(key))
            await driver.settle()
        }
    }

    /// Moves the selection to `target` with j/k, as an operator would.
    func select(_ target: TargetID) async throws {
        for _ in 0..<200 {
            let state = await driver.state
            guard let selected = state.selected else { break }
            if selected == target { return }
            let ids = state.shownTargets.map(\.id)
            guard let from = ids.firstIndex(of: selected), let to = ids.firstIndex(of: target) else { break }
            await press([to > from ? .char("j") : .char("k")])
        }
        throw LiveScreenError.notShown(target)
    }

    /// The keys that open the selected target's cancel dialog and confirm it.
    static let cancelKeys: [Key] = [.char("c"), .char("y")]

    var text: String {
        get async { await driver.render().text }
    }

    /// The line of the screen that shows `target`'s row, if it is scrolled into view.
    func row(_ target: TargetID) async -> String? {
        let state = await driver.state
        guard let index = state.rows.firstIndex(where: { $0.target?.id == target }) else { return nil }
        let lines = await text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = 2 + index - state.scrollTop
        return lines.indices.contains(y) ? lines[y] : nil
    }

    func close() async {
        await driver.shutdown()
        transport.shutdown()
    }
}

enum LiveScreenError: Error, CustomStringConvertible {
    case notShown(TargetID)

    var description: String {
        switch self {
        case .notShown(let target): "\(target) is not on the screen"
        }
    }
}
