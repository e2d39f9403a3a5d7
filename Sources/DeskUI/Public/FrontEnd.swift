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

        let colors = colorsWanted(options, environment: environment, terminal: terminal)
        let requested = colors ? (options.themeName ?? service.config.theme ?? "default") : "mono"
        let loaded = ThemeLoader.load(requested, searchPaths: options.themeSearchPaths)
        let readOnly = options.readOnly || service.readOnly || service.config.readOnly
        let identity = OperatorIdentity.current(environment: environment)

        var state = AppState(
            configDescription: describe(configPath: service.config.path, home: environment["HOME"]),
            readOnly: readOnly, operatorIdentity: identity,
            targets: await service.targets(), lastResults: await service.lastResults(), size: await terminal.size,
            now: Date(), themeName: requested, themeNames: ThemeLoader.availableNames(searchPaths: options.themeSearchPaths),
            colorsEnabled: colors, unicode: terminal.unicode)
        if let warning = loaded.warning { state.flash(.warn, warning) }
        state.recordStatus = await service.recordStatus()
        if let notice = state.recordStatus.notices.last { state.flash(.warn, notice) }
        let app = App(state: state, keyMap: KeyMap(readOnly: readOnly, overrides: service.config.keys))
        let loop = EventLoop(app: app, service: service, theme: loaded.theme, themeSearchPaths: options.themeSearchPaths,
                             logPath: options.logPath)
        // The banner follows the history's state: a lock taken or cleared, a disk filled or freed.
        let watch = Task { await RecordStatusWatch.run(service: service, initial: state.recordStatus, post: loop.post) }
        defer { watch.cancel() }
        return await loop.run(on: session, colors: colors)
    }

    /// Shows where the config goes and how to try the desk (`gdesk demo`), until the operator quits.
    ///
    /// - Returns: the exit status, as `run` does.
    public static func runFirstRun(configPath: String, options: FrontEndOptions) async -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        guard let session = await TerminalSession.open(environment: environment) else { return 2 }
        let terminal = session.terminal
        let colors = colorsWanted(options, environment: environment, terminal: terminal)
        let theme = ThemeLoader.load(colors ? (options.themeName ?? "default") : "mono", searchPaths: options.themeSearchPaths).theme
        let state = AppState.firstRun(configDescription: describe(configPath: configPath, home: environment["HOME"]),
                                      size: await terminal.size, now: Date(), unicode: terminal.unicode)
        let loop = EventLoop(app: App(state: state, keyMap: KeyMap(readOnly: true)), service: nil, theme: theme,
                             themeSearchPaths: options.themeSearchPaths)
        return await loop.run(on: session, colors: colors)
    }

    // Colours unless `--no-color`, `NO_COLOR` or the terminal says otherwise.
    private static func colorsWanted(_ options: FrontEndOptions, environment: [String: String], terminal: Terminal) -> Bool {
        !options.noColor && !(environment["NO_COLOR"].map { !$0.isEmpty } ?? false) && terminal.hasColors
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
