import Foundation

/// Facts about the terminal this process runs on, if any (not DeskUI's `Terminal`, which draws on one).
enum ProcessTerminal {
    /// Standard input and standard error are a terminal: a person can be asked.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 }
    /// Standard error is a terminal: progress lines are worth writing.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
