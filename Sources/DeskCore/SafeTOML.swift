import TOMLKit

/// TOMLKit's parser with the inputs it cannot take turned into errors.
///
/// TOMLKit's C++ parser (toml++) asserts, aborting the whole process, on a table header that does not start with a
/// name (a lone `[`, `[=]`, `[[[a]]]`): a typo in the config or a theme must be an error with a line, never a crash.
public enum SafeTOML {
    /// A table header without a name at `line`, `column` (1-based).
    public struct UnnamedHeader: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int

        public var description: String {
            "a table header must start with a name, as in [name] or [[name]] (a lone [ or [[ cannot be read)"
        }
    }

    /// Parses `text`. Throws `TOMLParseError` for what TOMLKit finds wrong, `UnnamedHeader` for what it cannot read,
    /// whichever comes first in the text.
    public static func table(_ text: String) throws -> TOMLTable {
        guard let bad = TOMLLineLocator.firstUnreadableHeader(in: text) else { return try TOMLTable(string: text) }
        // A mistake above the header is reported first, as TOMLKit would.
        let lines = text.split(separator: "\n", maxSplits: bad.line - 1, omittingEmptySubsequences: false)
        _ = try TOMLTable(string: lines.prefix(bad.line - 1).joined(separator: "\n"))
        throw UnnamedHeader(line: bad.line, column: bad.column)
    }
}
