import ArgumentParser
import DeskCore

struct PathsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "paths", abstract: "Show the config, state, history, log and theme locations in use.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let paths = DeskContext.paths(global)
        var table = TextTable(["WHAT", "PATH"])
        table.add(["config", paths.configFile])
        table.add(["state", paths.stateDirectory])
        table.add(["history", paths.historyFile])
        table.add(["log", paths.logFile])
        table.add(["nonces", paths.nonceDirectory])
        for (index, dir) in ThemeLocations.searchPaths(paths).enumerated() {
            table.add([index == 0 ? "themes" : "", dir])
        }
        print(table.render(), terminator: "")
    }
}
