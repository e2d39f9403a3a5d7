import ArgumentParser

/// Options of the terminal front end (`gdesk`, `gdesk ui`, `gdesk demo`). Not global: they follow `ui` or `demo`, or
/// stand alone (`gdesk --theme light`, the front end being the default subcommand).
struct ScreenOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Theme name (default, light, high-contrast, mono, or your own) or a theme file.", valueName: "name"))
    var theme: String?

    @Flag(name: .long, help: "No colours (also when NO_COLOR is set).")
    var noColor = false
}
