// Finds what TOMLKit's parser (toml++) cannot be given: places where it asserts, aborting the whole process, instead
// of reporting an error (a release build is undefined behaviour there instead). Each is invalid TOML anyway:
// - a table header whose name does not start with a key character: a lone `[`, `[=]`, `[[[a]]]`, `[ é]`;
// - where an array expects a value: `}`, or a line or paragraph separator (U+0085, U+2028, U+2029).
//
// Walks the text as toml++ does at the top level (blank lines, comments, headers, `key = value` lines) and through
// values (strings, arrays, inline tables). Where its reading of broken text may differ from toml++'s, toml++ has
// already stopped at an earlier error, which `SafeTOML` reports instead.
struct TOMLHazards {
    enum Kind: Sendable, Equatable {
        case unnamedHeader, braceInArray, separatorInArray
    }

    struct Hazard: Sendable, Equatable {
        var kind: Kind
        // 1-based, columns in characters (Unicode scalars), as toml++ counts them.
        var line: Int
        var column: Int
        // Where the offending character starts, in UTF-8 bytes.
        var offset: Int
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var offset = 0

    static func first(in text: String) -> Hazard? {
        var walker = TOMLHazards(scalars: Array(text.unicodeScalars))
        return walker.topLevel()
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func peek(_ ahead: Int) -> Unicode.Scalar? { index + ahead < scalars.count ? scalars[index + ahead] : nil }

    private mutating func advance() {
        guard let scalar = current else { return }
        if scalar == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        offset += scalar.utf8.count
        index += 1
    }

    private func hazard(_ kind: Kind) -> Hazard { Hazard(kind: kind, line: line, column: column, offset: offset) }

    // toml++'s horizontal whitespace: space, tab and the Unicode spaces it accepts.
    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0xA0, 0x1680, 0x180E, 0x2000...0x200B, 0x202F, 0x205F...0x2060, 0x3000, 0xFEFF: true
        default: false
        }
    }

    private static func startsKey(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-", "\"", "'": true
        default: false
        }
    }

    @discardableResult
    private mutating func skipBlanks() -> Bool {
        var skipped = false
        while let scalar = current, Self.isBlank(scalar) {
            advance()
            skipped = true
        }
        return skipped
    }

    private mutating func skipToLineEnd() {
        while let scalar = current, scalar != "\n" { advance() }
    }

    private mutating func topLevel() -> Hazard? {
        while true {
            skipBlanks()
            guard let scalar = current else { return nil }
            switch scalar {
            case "\n", "\r":
                advance()
            case "#":
                skipToLineEnd()
            case "[":
                advance()
                let spaced = skipBlanks()
                if current == "[" {
                    // `[ [` is an error toml++ reports itself, and it stops there.
                    guard !spaced else { return nil }
                    advance()
                    skipBlanks()
                }
                guard let next = current else { return nil }
                guard Self.startsKey(next) || next == "]" else { return hazard(.unnamedHeader) }
                skipToLineEnd()
            default:
                // A key (quoted parts may hold `=`), then its value.
                while let scalar = current, scalar != "=", scalar != "\n" {
                    if scalar == "\"" || scalar == "'" { skipString() } else { advance() }
                }
                guard current == "=" else { continue }
                advance()
                if let found = value() { return found }
            }
        }
    }

    // Through one value to the end of its line (arrays may span lines).
    private mutating func value() -> Hazard? {
        var open: [Unicode.Scalar] = []
        while let scalar = current {
            switch scalar {
            case "\"", "'":
                skipString()
                continue
            case "#":
                skipToLineEnd()
                continue
            case "\n":
                advance()
                if open.isEmpty { return nil }
                continue
            case "[", "{":
                open.append(scalar)
            case "]":
                if open.last == "[" { open.removeLast() }
            case "}":
                if open.last == "[" { return hazard(.braceInArray) }
                if open.last == "{" { open.removeLast() }
            case "\u{85}", "\u{2028}", "\u{2029}":
                if open.last == "[" { return hazard(.separatorInArray) }
            default:
                break
            }
            advance()
        }
        return nil
    }

    // Past a basic or literal string, one-line or multi-line; a one-line string also ends at a newline (an error).
    private mutating func skipString() {
        guard let quote = current else { return }
        let escapes = quote == "\""
        let multiLine = peek(1) == quote && peek(2) == quote
        for _ in 0..<(multiLine ? 3 : 1) { advance() }
        while let scalar = current {
            if escapes && scalar == "\\" {
                advance()
                advance()
            } else if scalar == quote {
                if !multiLine {
                    advance()
                    return
                }
                if peek(1) == quote && peek(2) == quote {
                    for _ in 0..<3 { advance() }
                    // A closing delimiter may carry up to two quotes of content before it.
                    while current == quote { advance() }
                    return
                }
                advance()
            } else if scalar == "\n" && !multiLine {
                return
            } else {
                advance()
            }
        }
    }
}
