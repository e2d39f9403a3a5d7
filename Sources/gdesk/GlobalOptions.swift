import ArgumentParser

/// The global options: where gdesk's files are, and whether it may cancel.
///
/// The root command declares them, so they are read wherever they stand on the line (`gdesk --config X cancel …` and
/// `gdesk cancel … --config X` alike); a subcommand that declares them too is handed the root's values (the library
/// decodes an option group of one type once) and lists them in its own help.
struct GlobalOptions: ParsableArguments {
    @OptionGroup var locations: LocationOptions
    @OptionGroup var access: ReadOnlyOption

    /// The config file given with `--config`, if any.
    var config: String? { locations.config }
    /// The history database given with `--history`, if any.
    var history: String? { locations.history }
    /// `--read-only`: no cancel key, cancel commands refused.
    var readOnly: Bool { access.readOnly }
}
