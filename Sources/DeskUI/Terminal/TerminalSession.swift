import Foundation

// A terminal taken over by curses, with its input thread and signal relay, or nil after telling standard error why not.
struct TerminalSession: Sendable {
    let terminal: Terminal
    let pump: InputPump

    static func open(environment: [String: String]) async -> TerminalSession? {
        let isTTY = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        if let problem = TerminalCheck.problem(environment: environment, isTTY: isTTY) {
            FileHandle.standardError.write(Data((problem + "\n").utf8))
            return nil
        }
        let terminal: Terminal
        do {
            terminal = try Terminal()
        } catch {
            FileHandle.standardError.write(Data("gdesk: \(error)\n".utf8))
            return nil
        }
        guard let signals = SignalRelay.install(), let pump = InputPump(signalFD: signals) else {
            await terminal.close()
            FileHandle.standardError.write(Data("gdesk: cannot create the input pipes\n".utf8))
            return nil
        }
        return TerminalSession(terminal: terminal, pump: pump)
    }
}
