import Foundation

// Finds the line of a key or table header in TOML source text.
//
// TOMLKit gives line and column for syntax errors only, not for the nodes of a parsed document, so the loader
// scans the text itself: key/value lines and `[table]` / `[[array]]` headers, skipping string contents
// (including multi-line strings), comments and multi-line arrays. Run it only on text that parsed, so it can
// trust the syntax. Only what the config needs is tracked: the n-th `[[session]]` block and plain key paths.
struct TOMLLineLocator {
    private struct Entry {
        // Header path plus key path, e.g. `["session", "secret_env"]`.
        var path: [String]
        var line: Int
        // Index of the enclosing `[[session]]` block, for entries inside one.
        var sessionIndex: Int?
    }

    private var entries: [Entry] = []
    private var sessionHeaderLines: [Int] = []

    init(source: String) {
        var scanner = Scanner(bytes: Array(source.utf8))
        var headerPath: [String] = []
        var sessionIndex: Int?

        while let byte = scanner.skipBlanks() {
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                scanner.advance()
            case UInt8(ascii: "#"):
                scanner.skipComment()
            case UInt8(ascii: "["):
                let line = scanner.line
                let isArray = scanner.peek(1) == UInt8(ascii: "[")
                scanner.advance(isArray ? 2 : 1)
                headerPath = scanner.readKeyPath()
                scanner.skipRestOfLine()
                if headerPath == ["session"] && isArray {
                    sessionIndex = sessionHeaderLines.count
                    sessionHeaderLines.append(line)
                } else if headerPath.first != "session" {
                    sessionIndex = nil
                }
                entries.append(Entry(path: headerPath, line: line, sessionIndex: sessionIndex))
            default:
                let line = scanner.line
                let keyPath = scanner.readKeyPath()
                if scanner.peek() == UInt8(ascii: "=") { scanner.advance() }
                entries.append(Entry(path: headerPath + keyPath, line: line, sessionIndex: sessionIndex))
                scanner.skipValue()
            }
        }
    }

    // Line of the `index`-th `[[session]]` header (0-based), or of a `session = [...]` key.
    func sessionLine(_ index: Int) -> Int {
        index < sessionHeaderLines.count ? sessionHeaderLines[index] : line(of: ["session"])
    }

    // Line of `key` inside the `index`-th session, else the session's header line.
    func line(ofKey key: String, inSession index: Int) -> Int {
        entries.first { $0.sessionIndex == index && $0.path.count >= 2 && $0.path[0] == "session" && $0.path[1] == key }?
            .line ?? sessionLine(index)
    }

    // Line of the first key or header at or under `path` (outside sessions), else line 1.
    func line(of path: [String]) -> Int {
        entries.first { $0.path.starts(with: path) }?.line ?? 1
    }

    // The key path of a `key = value` line, if `line` (1-based) of `source` starts with one. Used for syntax errors,
    // where nothing parsed; only bare keys are recognised.
    static func keyOnLine(_ line: Int, of source: String) -> String? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        let text = lines[line - 1].drop { $0 == " " || $0 == "\t" }
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let key = text[..<equals].trimmingCharacters(in: .whitespaces)
        let allowed = key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }
        return key.isEmpty || !allowed ? nil : key
    }
}

extension TOMLLineLocator {
    // A byte cursor over TOML text that knows strings, comments and brackets well enough to skip values.
    fileprivate struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        func peek(_ offset: Int = 0) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] : nil
        }

        mutating func advance(_ count: Int = 1) {
            for _ in 0..<count where index < bytes.count {
                if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                index += 1
            }
        }

        // Skips spaces and tabs; returns the next byte, nil at the end.
        mutating func skipBlanks() -> UInt8? {
            while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { advance() }
            return peek()
        }

        // Skips to the newline ending a comment, leaving the newline.
        mutating func skipComment() {
            while let byte = peek(), byte != UInt8(ascii: "\n") { advance() }
        }

        // Skips what follows a header on its line, leaving the newline.
        mutating func skipRestOfLine() {
            skipComment()
        }

        // Reads `a.b."c d"` up to `=`, `]` or the end of the line.
        mutating func readKeyPath() -> [String] {
            var path: [String] = []
            while let byte = skipBlanks() {
                switch byte {
                case UInt8(ascii: "\""):
                    path.append(readQuoted(escapes: true))
                case UInt8(ascii: "'"):
                    path.append(readQuoted(escapes: false))
                default:
                    var bare: [UInt8] = []
                    while let next = peek(), !Self.endsBareKey(next) {
                        bare.append(next)
                        advance()
                    }
                    guard !bare.isEmpty else { return path }
                    path.append(String(decoding: bare, as: UTF8.self))
                }
                guard skipBlanks() == UInt8(ascii: ".") else { return path }
                advance()
            }
            return path
        }

        private static func endsBareKey(_ byte: UInt8) -> Bool {
            " \t.=]#\r\n\"'".utf8.contains(byte)
        }

        // Reads a one-line quoted key; a backslash keeps the next character.
        private mutating func readQuoted(escapes: Bool) -> String {
            let quote = peek()
            advance()
            var text: [UInt8] = []
            while let byte = peek(), byte != quote, byte != UInt8(ascii: "\n") {
                if escapes && byte == UInt8(ascii: "\\") { advance() }
                if let kept = peek() { text.append(kept) }
                advance()
            }
            if peek() == quote { advance() }
            return String(decoding: text, as: UTF8.self)
        }

        // Skips a value to the end of its logical line: through strings, multi-line strings and bracketed arrays.
        mutating func skipValue() {
            var depth = 0
            while let byte = peek() {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    skipString(quote: byte)
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    advance()
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    advance()
                case UInt8(ascii: "#"):
                    skipComment()
                case UInt8(ascii: "\n"):
                    advance()
                    if depth <= 0 { return }
                default:
                    advance()
                }
            }
        }

        private mutating func skipString(quote: UInt8) {
            let escapes = quote == UInt8(ascii: "\"")
            let multiLine = peek(1) == quote && peek(2) == quote
            advance(multiLine ? 3 : 1)
            while let byte = peek() {
                if escapes && byte == UInt8(ascii: "\\") {
                    advance(2)
                } else if byte == quote {
                    if !multiLine {
                        advance()
                        return
                    }
                    if peek(1) == quote && peek(2) == quote {
                        advance(3)
                        // A closing delimiter may carry up to two quotes of content before it.
                        while peek() == quote { advance() }
                        return
                    }
                    advance()
                } else if byte == UInt8(ascii: "\n") && !multiLine {
                    return
                } else {
                    advance()
                }
            }
        }
    }
}

extension TOMLLineLocator {
    // The first table header whose name starts with something a key cannot start with (`[`, `[=]`, `[[[a]]]`, `[ é]`),
    // as line and column (1-based, in characters). TOMLKit's parser (toml++) asserts on such a header and aborts the
    // process (a release build is undefined behaviour instead), so `SafeTOML` refuses the text before TOMLKit sees it.
    // Walks the top level as toml++ does: blank lines, comments, headers, and key/value lines with their values.
    static func firstUnreadableHeader(in source: String) -> (line: Int, column: Int)? {
        var scanner = Scanner(bytes: Array(source.utf8))
        while true {
            scanner.skipHorizontalWhitespace()
            guard let byte = scanner.peek() else { return nil }
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                scanner.advance()
            case UInt8(ascii: "#"):
                scanner.skipComment()
            case UInt8(ascii: "["):
                scanner.advance()
                let spaced = scanner.skipHorizontalWhitespace()
                if scanner.peek() == UInt8(ascii: "[") {
                    // `[ [` is an error toml++ reports itself, and it stops there.
                    guard !spaced else { return nil }
                    scanner.advance()
                    scanner.skipHorizontalWhitespace()
                }
                guard let next = scanner.peek() else { return nil }
                let safe = (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z")) || (next >= UInt8(ascii: "A") && next <= UInt8(ascii: "Z"))
                    || (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9")) || "_-\"']".utf8.contains(next)
                guard safe else { return (scanner.line, scanner.column) }
                scanner.skipComment()
            default:
                _ = scanner.readKeyPath()
                if scanner.peek() == UInt8(ascii: "=") { scanner.advance() }
                scanner.skipValue()
            }
        }
    }
}

extension TOMLLineLocator.Scanner {
    // The column of the next byte: characters since the start of its line, plus one.
    var column: Int {
        var start = index
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self).unicodeScalars.count + 1
    }

    // Skips what toml++ counts as horizontal whitespace: space, tab, and a few Unicode spaces; true if any.
    @discardableResult
    mutating func skipHorizontalWhitespace() -> Bool {
        var skipped = false
        while let byte = peek() {
            let length: Int
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): length = 1
            case 0xC2, 0xE1, 0xE2, 0xE3, 0xEF: length = Self.unicodeSpaceLength(bytes, at: index)
            default: length = 0
            }
            guard length > 0 else { break }
            advance(length)
            skipped = true
        }
        return skipped
    }

    // The length of the UTF-8 sequence at `index` if it is U+00A0, U+1680, U+180E, U+2000–U+200B, U+202F,
    // U+205F–U+2060, U+3000 or U+FEFF (toml++'s non-ASCII horizontal whitespace), else 0.
    private static func unicodeSpaceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let sequence = Array(bytes[index..<min(bytes.count, index + 3)])
        guard let scalar = String(validating: sequence.prefix(sequence.first == 0xC2 ? 2 : 3), as: UTF8.self)?.unicodeScalars.first
        else { return 0 }
        switch scalar.value {
        case 0xA0, 0x1680, 0x180E, 0x2000...0x200B, 0x202F, 0x205F...0x2060, 0x3000, 0xFEFF:
            return String(scalar).utf8.count
        default:
            return 0
        }
    }
}
