import ArgumentParser
@testable import gdesk
import Testing

/// How the command line is read: global options before or after the subcommand, the front end's options, help, errors
/// and completions — through the same `GDesk.parseAsRoot` the executable calls.
@Suite struct ArgumentParsingTests {
    /// The leaf command `arguments` select, as `T`.
    func parse<T>(_ arguments: [String], as _: T.Type = T.self) throws -> T {
        let command = try GDesk.parseAsRoot(arguments)
        return try #require(command as? T, "parsed as \(type(of: command))")
    }

    /// The message the executable prints for `arguments` that do not parse, and its exit code.
    func failure(_ arguments: [String]) -> (message: String, code: Int32)? {
        do {
            _ = try GDesk.parseAsRoot(arguments)
            return nil
        } catch {
            return (GDesk.fullMessage(for: error), GDesk.exitCode(for: error).rawValue)
        }
    }

    static let orders: [[String]] = [
        ["--config", "/c.toml", "--history", "/h.sqlite3", "--read-only", "cancel", "alpha", "--yes"],
        ["cancel", "alpha", "--yes", "--config", "/c.toml", "--history", "/h.sqlite3", "--read-only"],
        ["--config", "/c.toml", "cancel", "--history", "/h.sqlite3", "alpha", "--read-only", "--yes"],
        ["--read-only", "cancel", "--config=/c.toml", "alpha", "--yes", "--history=/h.sqlite3"],
    ]

    @Test(arguments: orders)
    func globalOptionsAreReadBeforeAndAfterTheSubcommand(_ arguments: [String]) throws {
        let cancel = try parse(arguments, as: CancelCommand.self)
        #expect(cancel.global.config == "/c.toml")
        #expect(cancel.global.history == "/h.sqlite3")
        #expect(cancel.global.readOnly)
        #expect(cancel.targets == ["alpha"])
        #expect(cancel.yes)
    }

    @Test func withoutThemTheDefaultsStand() throws {
        let cancel = try parse(["cancel", "--all"], as: CancelCommand.self)
        #expect(cancel.global.config == nil && cancel.global.history == nil && !cancel.global.readOnly)
    }

    @Test func everySubcommandThatOpensTheDeskGetsTheGlobalOptionsInEitherPlace() throws {
        let global = ["--config", "/c.toml", "--history", "/h.sqlite3"]
        let lines: [[String]] = [["sessions"], ["history", "--limit", "3"], ["explain", "alpha", "7"], ["check"], ["paths"], ["ui"], ["orders", "alpha"]]
        for line in lines {
            for arguments in [global + line, line + global] {
                let command = try GDesk.parseAsRoot(arguments)
                let options: GlobalOptions? = switch command {
                case let c as SessionsCommand: c.global
                case let c as HistoryCommand: c.global
                case let c as ExplainCommand: c.global
                case let c as CheckCommand: c.global
                case let c as PathsCommand: c.global
                case let c as FrontEndCommand: c.global
                case let c as OrdersCommand: c.global
                default: nil
                }
                #expect(options?.config == "/c.toml", "\(arguments)")
                #expect(options?.history == "/h.sqlite3", "\(arguments)")
            }
        }
    }

    @Test func theFrontEndIsTheDefaultAndTakesItsOwnOptionsWithTheGlobalOnes() throws {
        for arguments in [["--config", "/c.toml", "--theme", "light", "--no-color", "--read-only"],
                          ["--theme", "light", "--config", "/c.toml", "--no-color", "--read-only"],
                          ["--config", "/c.toml", "ui", "--theme", "light", "--no-color", "--read-only"],
                          ["--read-only", "--config", "/c.toml", "ui", "--no-color", "--theme", "light"]] {
            let ui = try parse(arguments, as: FrontEndCommand.self)
            #expect(ui.global.config == "/c.toml", "\(arguments)")
            #expect(ui.global.readOnly, "\(arguments)")
            #expect(ui.screen.theme == "light", "\(arguments)")
            #expect(ui.screen.noColor, "\(arguments)")
        }
    }

    @Test func theDemoTakesReadOnlyInEitherPlaceAndRefusesTheFileOptions() throws {
        #expect(try parse(["--read-only", "demo"], as: DemoCommand.self).access.readOnly)
        #expect(try parse(["demo", "--read-only", "--theme", "mono"], as: DemoCommand.self).access.readOnly)
        #expect(try !parse(["demo"], as: DemoCommand.self).access.readOnly)
        for arguments in [["demo", "--config", "/c.toml"], ["--history", "/h", "demo"]] {
            let refused = try #require(failure(arguments), "\(arguments) parsed")
            #expect(refused.code == ExitCode.validationFailure.rawValue)
            #expect(refused.message.contains("does not apply"), "\(refused.message)")
        }
    }

    @Test func optionsOfOneSubcommandAreStillUnknownToAnother() throws {
        let theme = try #require(failure(["cancel", "alpha", "--theme", "mono"]))
        #expect(theme.message.contains("Unknown option '--theme'"), "\(theme.message)")
        #expect(theme.code == ExitCode.validationFailure.rawValue)
        let since = try #require(failure(["--since", "2d", "sessions"]))
        #expect(since.message.contains("Unknown option '--since'"), "\(since.message)")
        let missing = try #require(failure(["cancel", "alpha", "--config"]))
        #expect(missing.message.contains("Missing value for '--config <path>'"), "\(missing.message)")
    }

    @Test func aGlobalOptionsValueIsNeverTakenForTheSubcommand() throws {
        // "history" and "cancel" as values of --config and --history: the subcommand is the word after them.
        let paths = try parse(["--config", "history", "--history", "cancel", "paths"], as: PathsCommand.self)
        #expect(paths.global.config == "history" && paths.global.history == "cancel")
    }

    @Test func helpListsTheGlobalOptionsOnceAtTheTopAndInEachSubcommand() throws {
        let top = GDesk.helpMessage(for: GDesk.self)
        #expect(top.contains("USAGE: gdesk [--config <path>] [--history <path>] [--read-only] <subcommand>"), "\(top)")
        #expect(top.contains("GLOBAL OPTIONS:"))
        for name in ["cancel", "history", "sessions", "explain", "check", "paths", "ui"] {
            let help = GDesk.helpMessage(for: try #require(GDesk.configuration.subcommands.first { $0._commandName == name }))
            for option in ["--config <path>", "--history <path>", "--read-only"] {
                #expect(help.components(separatedBy: "  " + option).count == 2, "gdesk \(name) --help lists \(option) once:\n\(help)")
            }
        }
        let demo = GDesk.helpMessage(for: DemoCommand.self)
        #expect(demo.contains("--read-only") && demo.contains("--theme <name>"))
        #expect(!demo.contains("--config") && !demo.contains("--history"), "\(demo)")
    }

    @Test func completionsOfferTheGlobalOptionsAtTheTopAndInTheSubcommands() {
        for shell in [CompletionShell.bash, .zsh, .fish] {
            let script = GDesk.completionScript(for: shell)
            for word in ["--config", "--history", "--read-only", "cancel", "history", "--since", "--theme"] {
                // fish's script names options without their dashes ('config=').
                let written = shell == .fish ? String(word.drop { $0 == "-" }) : word
                #expect(script.contains(written), "\(shell) completion lacks \(word)")
            }
        }
    }
}
