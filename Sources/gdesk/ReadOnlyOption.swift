import ArgumentParser

/// `--read-only`, a global option: no cancel key is bound and cancel commands are refused. Part of `GlobalOptions`; the
/// demo declares it alone.
struct ReadOnlyOption: ParsableArguments {
    @Flag(name: .long, help: "Bind no cancel key and refuse cancel commands.")
    var readOnly = false
}
