import DeskUI
import Testing

// Refusing to start where the desk cannot draw, with a message that says why.
@Suite struct TerminalCheckTests {
    @Test func notATerminal() {
        let problem = TerminalCheck.problem(environment: ["TERM": "xterm-256color"], isTTY: false)
        #expect(problem?.contains("not one") == true)
    }

    @Test(arguments: [[:], ["TERM": ""], ["TERM": "dumb"], ["TERM": "unknown"]])
    func unusableTERM(environment: [String: String]) {
        let problem = TerminalCheck.problem(environment: environment, isTTY: true)
        #expect(problem != nil)
        #expect(problem?.hasPrefix("gdesk: ") == true)
    }

    @Test(arguments: ["xterm", "xterm-256color", "screen", "screen-256color", "tmux-256color", "linux"])
    func usableTERM(term: String) {
        #expect(TerminalCheck.problem(environment: ["TERM": term], isTTY: true) == nil)
    }
}
