import GeminiClient

// A theme file that could not be used at all.
struct ThemeFileError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String

    // One printable line: the message may quote the file.
    init(message: String) { self.message = message.printableLine(limit: 300) }

    var description: String { message }
}
