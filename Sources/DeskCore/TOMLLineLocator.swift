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
        // Index of the enclosing `[[monitor]]` block, for entries inside one.
        var monitorIndex: Int?
    }

    private var entries: [Entry] = []
    private var sessionHeaderLines: [Int] = []
    private var monitorHeaderLines: [Int] = []

    init(source: String) {
        var scanner = Scanner(bytes: Array(source.utf8))
        var headerPath: [String] = []
        var sessionIndex: Int?
        var monitorIndex: Int?

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
                if headerPath == ["monitor"] && isArray {
                    monitorIndex = monitorHeaderLines.count
                    monitorHeaderLines.append(line)
                } else if headerPath.first != "monitor" {
                    monitorIndex = nil
                }
                entries.append(Entry(path: headerPath, line: line, sessionIndex: sessionIndex, monitorIndex: monitorIndex))
            default:
                let line = scanner.line
                let keyPath = scanner.readKeyPath()
                if scanner.peek() == UInt8(ascii: "=") { scanner.advance() }
                entries.append(Entry(path: headerPath + keyPath, line: line, sessionIndex: sessionIndex, monitorIndex: monitorIndex))
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

    // Line of `key` inside the `index`-th `[[monitor]]`, else the monitor's header line.
    func line(ofKey key: String, inMonitor index: Int) -> Int {
        entries.first { $0.monitorIndex == index && $0.path.count >= 2 && $0.path[0] == "monitor" && $0.path[1] == key }?
            .line ?? (index < monitorHeaderLines.count ? monitorHeaderLines[index] : line(of: ["monitor"]))
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
    private struct Scanner {
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
