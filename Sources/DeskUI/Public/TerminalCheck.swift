import Foundation

/// Whether the desk can draw here, checked before curses is started.
public enum TerminalCheck {
    /// A message saying why the desk cannot run in this terminal, or nil when it can.
    ///
    /// - Parameters:
    ///   - environment: the process environment (`TERM` is read).
    ///   - isTTY: whether standard input and output are both terminals.
    public static func problem(environment: [String: String], isTTY: Bool) -> String? {
        let advice = "The command-line subcommands work without a terminal (see `gdesk --help`)."
        guard isTTY else {
            return "gdesk: the desk needs an interactive terminal, but standard input or output is not one. \(advice)"
        }
        let term = environment["TERM"]?.trimmingCharacters(in: .whitespaces) ?? ""
        if term.isEmpty {
            return "gdesk: TERM is not set, so the desk cannot draw. Set it (for example TERM=xterm-256color). \(advice)"
        }
        if term == "dumb" || term == "unknown" {
            return "gdesk: TERM=\(term) cannot draw the desk. Use a full terminal (xterm, tmux, screen). \(advice)"
        }
        return nil
    }
}
