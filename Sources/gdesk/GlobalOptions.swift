import ArgumentParser

/// Options every subcommand accepts, before or after its name.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Config file (default: $GDESK_CONFIG, else $XDG_CONFIG_HOME/gdesk/config.toml).", valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("History database (default: $XDG_STATE_HOME/gdesk/history.sqlite3).", valueName: "path"))
    var history: String?

    @Flag(name: .long, help: "Bind no cancel key and refuse cancel commands.")
    var readOnly = false
}

/// Options of the terminal front end.
struct ScreenOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Theme name (default, light, high-contrast, mono, or your own) or a theme file.", valueName: "name"))
    var theme: String?

    @Flag(name: .long, help: "No colours (also when NO_COLOR is set).")
    var noColor = false
}
