import TOMLKit

/// TOMLKit's parser with the inputs it cannot take turned into errors.
///
/// TOMLKit's C++ parser (toml++) asserts, aborting the whole process, on some invalid TOML (a lone `[` on a line, `[}`
/// in an array; see `TOMLHazards`): a typo in the config or a theme must be an error with a line, never a crash.
public enum SafeTOML {
    /// Invalid TOML that TOMLKit cannot be given, at `line`, `column` (1-based).
    public struct Unreadable: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var description: String

        init(_ hazard: TOMLHazards.Hazard) {
            line = hazard.line
            column = hazard.column
            description = switch hazard.kind {
            case .unnamedHeader: "a table header must start with a name, as in [name] or [[name]]"
            case .braceInArray: "} cannot stand in an array here: an array holds values and ends with ]"
            case .separatorInArray: "a line or paragraph separator (U+0085, U+2028, U+2029) cannot stand in an array: use a newline"
            }
        }
    }

    /// Invalid TOML, whichever way it was found: by TOMLKit, or as something TOMLKit cannot be given.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        /// "line 2, column 5: …".
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    /// Parses `text` into plain values, for readers outside DeskCore: every syntax problem is a `SyntaxError`.
    public static func document(_ text: String) throws(SyntaxError) -> [String: TOMLValue] {
        do {
            return TOMLValue.dictionary(try table(text))
        } catch let error as TOMLParseError {
            throw SyntaxError(line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch let error as Unreadable {
            throw SyntaxError(line: error.line, column: error.column, message: error.description)
        } catch {
            throw SyntaxError(line: 1, column: 1, message: "\(error)")
        }
    }

    /// Parses `text`. Throws `TOMLParseError` for what TOMLKit finds wrong, `Unreadable` for what it cannot be given,
    /// whichever comes first in the text.
    public static func table(_ text: String) throws -> TOMLTable {
        guard let hazard = TOMLHazards.first(in: text) else { return try TOMLTable(string: text) }
        // The text up to the hazard: an error TOMLKit finds before it comes first (one at the end is only the cut).
        do {
            _ = try TOMLTable(string: String(decoding: text.utf8.prefix(hazard.offset), as: UTF8.self))
        } catch let error as TOMLParseError
                    where (error.source.begin.line, error.source.begin.column) < (hazard.line, hazard.column) {
            throw error
        } catch {}
        throw Unreadable(hazard)
    }
}
