import ArgumentParser

struct GDesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gdesk",
        abstract: "Cancel Gemini session orders, one target or all at once, and keep a record of every cancel.",
        discussion: """
            TARGET is SESSION or SESSION/ACCOUNT (a master key's subaccount), as listed by `gdesk sessions`.
            With no subcommand, gdesk opens the terminal front end on the configured sessions.
            Exit status: 0 all ok; 2 a target was not ok (error or unknown) or the cancel was refused; 3 every target ok
            but a record is not in the history (it is in the journal or the system log); 78 bad config.
            """,
        version: VersionText.text,
        subcommands: [
            FrontEndCommand.self, DemoCommand.self, SessionsCommand.self, CancelCommand.self, HistoryCommand.self,
            ExplainCommand.self, CheckCommand.self, PathsCommand.self, ExchangeCommand.self, OrdersCommand.self,
        ],
        defaultSubcommand: FrontEndCommand.self
    )

    /// Read here, before or after the subcommand's name; the subcommands that declare them get these values.
    @OptionGroup(title: "Global options") var global: GlobalOptions
}

@main
enum Main {
    static func main() async {
        do {
            var command = try GDesk.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            GDesk.exit(withError: error)
        }
    }
}
