import ArgumentParser
import DeskCore
import DeskUI
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the front end on the simulated exchange (gdesk-exchange): sample sessions, no real keys.",
        discussion: """
            The demo starts gdesk-exchange as a child process and stops it when the front end ends. It keeps its own \
            history and nonces under the state directory's demo/ folder, and the exchange's errors in demo/exchange.log.
            """
    )

    @OptionGroup var screen: ScreenOptions
    @OptionGroup var access: ReadOnlyOption
    /// Global options the demo has no use for (it brings its own sessions and history), refused rather than dropped.
    @OptionGroup(visibility: .private) var locations: LocationOptions

    func validate() throws { try locations.refuse(in: "demo") }

    func run() async throws {
        if let problem = TerminalCheck.problem(environment: ProcessInfo.processInfo.environment, isTTY: isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1) {
            FileHandle.standardError.write(problem + "\n")
            throw ExitCode.failure
        }
        let base = DeskPaths()
        var paths = base
        paths.stateDirectory = base.stateDirectory + "/demo"
        paths.historyFile = paths.stateDirectory + "/history.sqlite3"
        paths.nonceDirectory = paths.stateDirectory + "/nonces"
        paths.logFile = paths.stateDirectory + "/gdesk.log"
        let demo: DemoSetup
        do {
            try DeskPaths.createPrivateDirectory(paths.stateDirectory)
            demo = try DemoSetup.start(errorLog: paths.stateDirectory + "/exchange.log")
        } catch {
            FileHandle.standardError.write("gdesk demo: cannot start the simulated exchange: \(error)\n")
            throw ExitCode.failure
        }
        defer { demo.stop() }
        let context = await DeskContext.open(paths: paths, config: demo.config, readOnly: access.readOnly ? true : nil,
                                           secret: demo.secret(for:))
        let options = FrontEndOptions.make(screen: screen, readOnly: access.readOnly, paths: base)
        // Connections open while the first frame is drawn; a panic right after start-up rides them.
        let warming = Task { await context.desk.warmUp() }
        let status = await FrontEnd.run(service: context.desk, options: options)
        warming.cancel()
        context.close()
        if status != 0 { throw ExitCode(status) }
    }
}
