// Why the terminal could not be taken over.
struct TerminalOpenError: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { message }
}
