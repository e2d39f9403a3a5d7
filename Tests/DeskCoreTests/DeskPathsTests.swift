import Testing
@testable import DeskCore

@Suite struct DeskPathsTests {
    @Test func defaultsFollowXDG() {
        let paths = DeskPaths(environment: ["HOME": "/home/op"], currentDirectory: "/work")
        #expect(paths.configFile == "/home/op/.config/gdesk/config.toml")
        #expect(paths.configDirectory == "/home/op/.config/gdesk")
        #expect(paths.themesDirectory == "/home/op/.config/gdesk/themes")
        #expect(paths.stateDirectory == "/home/op/.local/state/gdesk")
        #expect(paths.historyFile == "/home/op/.local/state/gdesk/history.sqlite3")
        #expect(paths.logFile == "/home/op/.local/state/gdesk/gdesk.log")
        #expect(paths.nonceDirectory == "/home/op/.local/state/gdesk/nonces")
    }

    @Test func xdgVariablesMove()  {
        let paths = DeskPaths(environment: ["HOME": "/home/op", "XDG_CONFIG_HOME": "/cfg", "XDG_STATE_HOME": "/state"],
                              currentDirectory: "/work")
        #expect(paths.configFile == "/cfg/gdesk/config.toml")
        #expect(paths.historyFile == "/state/gdesk/history.sqlite3")
    }

    @Test func relativeXDGValuesAreIgnored() {
        let paths = DeskPaths(environment: ["HOME": "/home/op", "XDG_CONFIG_HOME": "rel", "XDG_STATE_HOME": ""],
                              currentDirectory: "/work")
        #expect(paths.configFile == "/home/op/.config/gdesk/config.toml")
        #expect(paths.stateDirectory == "/home/op/.local/state/gdesk")
    }

    @Test func overridesWinInOrder() {
        let environment = ["HOME": "/home/op", "GDESK_CONFIG": "/etc/gdesk/desk.toml"]
        #expect(DeskPaths(environment: environment, currentDirectory: "/work").configFile == "/etc/gdesk/desk.toml")
        let flagged = DeskPaths(environment: environment, configOverride: "mine.toml", historyOverride: "~/h.sqlite3",
                                currentDirectory: "/work")
        #expect(flagged.configFile == "/work/mine.toml")
        #expect(flagged.configDirectory == "/work")
        #expect(flagged.themesDirectory == "/work/themes")
        #expect(flagged.historyFile == "/home/op/h.sqlite3")
    }
}
