/// JSON read without losing anything a test compares: numbers keep their text, objects their key order and repeats.
/// Foundation's readers go through `Double` or sort keys; a conformance runner must see the wire as it is.
indirect enum RawJSON: Equatable, Sendable, CustomStringConvertible {
    case object([(String, RawJSON)])
    case array([RawJSON])
    case string(String)
    /// The number exactly as written.
    case number(String)
    case bool(Bool)
    case null

    struct ParseError: Error, CustomStringConvertible {
        var offset: Int
        var problem: String
        var description: String { "JSON: \(problem) at byte \(offset)" }
    }

    static func == (a: RawJSON, b: RawJSON) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let x), .array(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    /// Parses a whole document; anything after the value but whitespace is an error.
    init(parsing text: String) throws {
        try self.init(parsing: Array(text.utf8))
    }

    init(parsing bytes: [UInt8]) throws {
        var reader = Reader(bytes: bytes)
        self = try reader.value()
        reader.skipSpace()
        guard reader.at == bytes.count else { throw ParseError(offset: reader.at, problem: "text after the value") }
    }

    subscript(key: String) -> RawJSON? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var int: Int? { if case .number(let n) = self { Int(n) } else { nil } }
    var members: [(String, RawJSON)] { if case .object(let m) = self { m } else { [] } }
    var elements: [RawJSON] { if case .array(let e) = self { e } else { [] } }

    /// Compact JSON text; numbers as they were read.
    var description: String {
        switch self {
        case .object(let m): "{" + m.map { RawJSON.string($0.0).description + ":" + $0.1.description }.joined(separator: ",") + "}"
        case .array(let e): "[" + e.map(\.description).joined(separator: ",") + "]"
        case .string(let s): "\"" + s.unicodeScalars.map { c -> String in
            switch c {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case _ where c.value < 0x20: "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count) + String(c.value, radix: 16)
            default: String(c)
            }
        }.joined() + "\""
        case .number(let n): n
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var at = 0

        mutating func skipSpace() {
            while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
        }

        func fail(_ problem: String) -> ParseError { ParseError(offset: at, problem: problem) }

        mutating func value() throws -> RawJSON {
            skipSpace()
            guard at < bytes.count else { throw fail("unexpected end") }
            switch bytes[at] {
            case UInt8(ascii: "{"):
                at += 1
                var members: [(String, RawJSON)] = []
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard case .string(let key) = try value() else { throw fail("object key is not a string") }
                    skipSpace()
                    try expect(":")
                    members.append((key, try value()))
                    skipSpace()
                    if try endOrComma("}") { return .object(members) }
                }
            case UInt8(ascii: "["):
                at += 1
                var elements: [RawJSON] = []
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(elements) }
                while true {
                    elements.append(try value())
                    skipSpace()
                    if try endOrComma("]") { return .array(elements) }
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default:
                return .number(try number())
            }
        }

        mutating func expect(_ c: Character) throws {
            guard at < bytes.count, bytes[at] == c.asciiValue! else { throw fail("expected '\(c)'") }
            at += 1
        }

        mutating func endOrComma(_ end: Character) throws -> Bool {
            guard at < bytes.count else { throw fail("unexpected end") }
            if bytes[at] == end.asciiValue! { at += 1; return true }
            try expect(",")
            return false
        }

        mutating func literal(_ word: String) throws {
            let w = Array(word.utf8)
            guard bytes.count - at >= w.count, Array(bytes[at..<(at + w.count)]) == w else { throw fail("expected \(word)") }
            at += w.count
        }

        mutating func number() throws -> String {
            let start = at
            if at < bytes.count, bytes[at] == UInt8(ascii: "-") { at += 1 }
            func digits() -> Int {
                let from = at
                while at < bytes.count, (48...57).contains(bytes[at]) { at += 1 }
                return at - from
            }
            guard digits() > 0 else { throw fail("not a value") }
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
                at += 1
                guard digits() > 0 else { throw fail("no digits after '.'") }
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
                at += 1
                if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
                guard digits() > 0 else { throw fail("no exponent digits") }
            }
            return String(decoding: bytes[start..<at], as: UTF8.self)
        }

        mutating func string() throws -> String {
            at += 1
            var out: [UInt8] = []
            while true {
                guard at < bytes.count else { throw fail("unterminated string") }
                let b = bytes[at]
                at += 1
                switch b {
                case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard at < bytes.count else { throw fail("unterminated escape") }
                    let e = bytes[at]
                    at += 1
                    switch e {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar) {
                            try literal("\\u")
                            let low = try hex4()
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let s = Unicode.Scalar(scalar) else { throw fail("bad \\u escape") }
                        out.append(contentsOf: Array(String(Character(s)).utf8))
                    default: out.append(e)
                    }
                default:
                    guard b >= 0x20 else { throw fail("control character in a string") }
                    out.append(b)
                }
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard bytes.count - at >= 4, let v = UInt32(String(decoding: bytes[at..<(at + 4)], as: UTF8.self), radix: 16) else {
                throw fail("bad \\u escape")
            }
            at += 4
            return v
        }
    }
}
