import ArgumentParser
import DeskCore
import DeskUI
import Foundation

struct FrontEndCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ui", abstract: "Open the terminal front end on the configured sessions (the default).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var screen: ScreenOptions

    func run() async throws {
        if let problem = TerminalCheck.problem(environment: ProcessInfo.processInfo.environment, isTTY: isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1) {
            FileHandle.standardError.write(problem + "\n")
            throw ExitCode.failure
        }
        let paths = DeskContext.paths(global)
        let options = FrontEndOptions.make(screen: screen, readOnly: global.readOnly, paths: paths)
        guard FileManager.default.fileExists(atPath: paths.configFile) else {
            throw ExitCode(await FrontEnd.runFirstRun(configPath: paths.configFile, options: options))
        }
        let context = try await DeskContext.open(global)
        defer { context.close() }
        // Connections open while the first frame is drawn; a panic right after start-up rides them.
        let warming = Task { await context.desk.warmUp() }
        // Whether the history takes writes now (another process may hold its lock): the banner says so from the start.
        let probing = Task { await context.records.mergeJournal(within: .seconds(2), probe: true) }
        defer { probing.cancel() }
        let status = await FrontEnd.run(service: context.desk, options: options)
        warming.cancel()
        if status != 0 { throw ExitCode(status) }
    }
}

extension FrontEndOptions {
    static func make(screen: ScreenOptions, readOnly: Bool, paths: DeskPaths) -> FrontEndOptions {
        let environment = ProcessInfo.processInfo.environment
        return FrontEndOptions(themeName: screen.theme, noColor: screen.noColor || !(environment["NO_COLOR"] ?? "").isEmpty,
                               readOnly: readOnly, themeSearchPaths: ThemeLocations.searchPaths(paths), logPath: paths.logFile)
    }
}
