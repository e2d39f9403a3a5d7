// A theme file that could not be used at all.
struct ThemeFileError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    var description: String { message }
}
