import DeskCore
import Foundation

/// The interactive desk.
public enum FrontEnd {
    /// Runs the desk until the operator quits.
    ///
    /// - Returns: the exit status: 0 after a quit, 1 when stopped by a signal or a lost terminal,
    ///   2 when the terminal cannot be used (the reason is written to standard error).
    public static func run(service: any DeskService, options: FrontEndOptions) async -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        guard let session = await TerminalSession.open(environment: environment) else { return 2 }
        let terminal = session.terminal

        let colors = !options.noColor && !(environment["NO_COLOR"].map { !$0.isEmpty } ?? false) && terminal.hasColors
        let requested = colors ? (options.themeName ?? service.config.theme ?? "default") : "mono"
        let loaded = ThemeLoader.load(requested, searchPaths: options.themeSearchPaths)
        let readOnly = options.readOnly || service.readOnly || service.config.readOnly
        let identity = OperatorIdentity.current(environment: environment)

        var state = AppState(
            configDescription: describe(configPath: service.config.path, home: environment["HOME"]),
            readOnly: readOnly, operatorName: "\(identity.user)@\(identity.host)",
            targets: await service.targets(), lastResults: await service.lastResults(), size: await terminal.size,
            now: Date(), themeName: requested, themeNames: ThemeLoader.availableNames(searchPaths: options.themeSearchPaths),
            colorsEnabled: colors, unicode: terminal.unicode)
        if let warning = loaded.warning { state.flash(.warn, warning) }
        let app = App(state: state, keyMap: KeyMap(readOnly: readOnly, overrides: service.config.keys))
        let driver = Driver(app: app, service: service, theme: loaded.theme, themeSearchPaths: options.themeSearchPaths,
                            logPath: options.logPath)
        if let logPath = options.logPath, await !driver.hasLogFile {
            await driver.post(.notice(.warn, "cannot write the log file \(logPath); messages are not logged"))
        }

        let input = Task {
            for await wake in session.pump.wakes {
                switch wake {
                case .input:
                    for event in await terminal.readInput() { await driver.post(event) }
                    session.pump.resume()
                case .stop, .hangup:
                    await driver.post(.hangup)
                }
            }
        }

        var painted: ScreenGrid?
        var paintedTheme = -1
        var stoppedBySignal = false
        await driver.process(.tick)
        while true {
            let version = await driver.themeVersion
            if version != paintedTheme {
                await terminal.apply(await driver.theme, colors: colors)
                paintedTheme = version
                painted = nil
            }
            let grid = await driver.render()
            if grid != painted {
                await terminal.paint(grid)
                painted = grid
            }
            if await driver.shouldQuit { break }
            let event = await driver.nextEvent()
            if event == .hangup { stoppedBySignal = true }
            await driver.process(event)
        }
        await driver.shutdown()
        session.pump.stop()
        input.cancel()
        await terminal.close()
        return stoppedBySignal ? 1 : 0
    }

    /// Shows where the config goes and how to try the desk (`gdesk demo`), until the operator quits.
    ///
    /// - Returns: the exit status, as `run` does.
    public static func runFirstRun(configPath: String, options: FrontEndOptions) async -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        guard let session = await TerminalSession.open(environment: environment) else { return 2 }
        let terminal = session.terminal
        let colors = !options.noColor && !(environment["NO_COLOR"].map { !$0.isEmpty } ?? false) && terminal.hasColors
        let theme = ThemeLoader.load(colors ? (options.themeName ?? "default") : "mono", searchPaths: options.themeSearchPaths).theme
        await terminal.apply(theme, colors: colors)
        let shownPath = describe(configPath: configPath, home: environment["HOME"])
        var status: Int32 = 0
        await terminal.paint(FirstRunRenderer.render(configPath: shownPath, size: await terminal.size, unicode: terminal.unicode))
        loop: for await wake in session.pump.wakes {
            guard wake == .input else {
                status = 1
                break
            }
            for event in await terminal.readInput() {
                switch event {
                case .key(.char("q")), .key(.escape), .key(.ctrl("c")), .key(.enter):
                    break loop
                default:
                    continue
                }
            }
            await terminal.paint(FirstRunRenderer.render(configPath: shownPath, size: await terminal.size, unicode: terminal.unicode))
            session.pump.resume()
        }
        session.pump.stop()
        await terminal.close()
        return status
    }

    /// "~/.config/gdesk/config.toml", or a word for a config built in code.
    static func describe(configPath: String, home: String?) -> String {
        if configPath.isEmpty { return "built-in config (demo)" }
        if let home, !home.isEmpty, configPath.hasPrefix(home + "/") {
            return "~" + configPath.dropFirst(home.count)
        }
        return configPath
    }
}
