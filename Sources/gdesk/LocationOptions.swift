import ArgumentParser

/// Where the config and the history are, when not where `DeskPaths` looks by default. Part of `GlobalOptions`.
struct LocationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Config file (default: $GDESK_CONFIG, else $XDG_CONFIG_HOME/gdesk/config.toml).", valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("History database (default: $XDG_STATE_HOME/gdesk/history.sqlite3).", valueName: "path"))
    var history: String?

    /// Refuses these options in a command that runs on files of its own (the demo, the simulated exchange): as global
    /// options they are read anywhere on the line, and dropping them silently would mislead.
    func refuse(in command: String) throws {
        if config != nil { throw ValidationError("gdesk \(command) uses no config file: --config does not apply") }
        if history != nil { throw ValidationError("gdesk \(command) keeps no history of yours: --history does not apply") }
    }
}
