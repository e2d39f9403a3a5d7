@testable import DeskUI
@testable import GeminiClient
import DeskCore
import Foundation
import Testing

/// Seeded mutations of valid inputs: bits and bytes, tokens of the format, whole lines, truncation, odd Unicode, huge
/// values and deep nesting. The same seed gives the same inputs on every machine.
struct Mutator {
    var generator: SeededGenerator
    let tokens: [String]

    init(seed: UInt64, tokens: [String]) {
        generator = SeededGenerator(seed: seed)
        self.tokens = tokens + ["\n", " ", "\"", "'", "\\", "\0", "\u{1B}[2J", "\u{202E}", "é", "日本", "🙂", "\u{FEFF}", "\r\n",
                                String(repeating: "9", count: 40), String(repeating: "A", count: 5_000)]
    }

    mutating func int(_ range: Range<Int>) -> Int { range.isEmpty ? range.lowerBound : Int.random(in: range, using: &generator) }

    mutating func token() -> [UInt8] { Array(tokens.randomElement(using: &generator)!.utf8) }

    mutating func mutate(_ seed: [UInt8]) -> [UInt8] {
        var bytes = seed
        for _ in 0..<int(1..<5) {
            let at = int(0..<(bytes.count + 1))
            switch int(0..<11) {
            case 0 where !bytes.isEmpty:
                bytes[min(at, bytes.count - 1)] ^= UInt8(1) << UInt8(int(0..<8))
            case 1 where !bytes.isEmpty:
                bytes[min(at, bytes.count - 1)] = UInt8(int(0..<256))
            case 2, 3:
                bytes.insert(contentsOf: token(), at: at)
            case 4:
                bytes.removeSubrange(at..<min(bytes.count, at + int(1..<24)))
            case 5:
                let end = min(bytes.count, at + int(1..<64))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            case 6:
                bytes.removeSubrange(at...)
            case 7:
                // A whole line out, or in twice.
                var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
                guard !lines.isEmpty else { break }
                let line = int(0..<lines.count)
                if int(0..<2) == 0 { lines.remove(at: line) } else { lines.insert(lines[line], at: int(0..<lines.count)) }
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            case 8:
                // The value after an `=` replaced by a token.
                guard let equals = bytes[at...].firstIndex(of: UInt8(ascii: "=")) ?? bytes.firstIndex(of: UInt8(ascii: "=")) else { break }
                let end = bytes[equals...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                bytes.replaceSubrange((equals + 1)..<end, with: Array(" ".utf8) + token())
            case 9:
                // Deep nesting.
                let depth = int(1..<3_000)
                let open = int(0..<2) == 0 ? "[" : "{a="
                let close = open == "[" ? "]" : "}"
                bytes.insert(contentsOf: Array((String(repeating: open, count: depth) + String(repeating: close, count: depth)).utf8), at: at)
            default:
                bytes.insert(UInt8(int(0..<256)), at: at)
            }
        }
        return bytes
    }
}

/// What makes a rejection a clear message: some words, on one line, short, without control characters or Swift's
/// own dumps of types and optionals.
enum Clarity {
    static func problems(_ message: String) -> [String] {
        var problems: [String] = []
        if message.trimmingCharacters(in: .whitespaces).count < 8 { problems.append("too short") }
        if message.count > 600 { problems.append("longer than 600 characters (\(message.count))") }
        if message.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problems.append("contains control characters")
        }
        for dump in ["Optional(", "DecodingError", "Swift.", "TOMLKit.", "NSCocoaErrorDomain", "Error Domain=", "nil)"]
        where message.contains(dump) {
            problems.append("contains \(dump)")
        }
        return problems
    }
}

/// When `GDESK_FUZZ_LAST` names a folder, each input is written there before it is parsed, so that a crash leaves the
/// input that caused it (`scripts/torture` shows it).
enum FuzzTrail {
    static let folder = Scale.environment["GDESK_FUZZ_LAST"]

    static func keep(_ bytes: [UInt8], target: String, index: Int) {
        guard let folder else { return }
        FileManager.default.createFile(atPath: "\(folder)/\(target).last", contents: Data(bytes))
        if index % 1000 == 0 { try? "\(index)\n".write(toFile: "\(folder)/\(target).index", atomically: false, encoding: .utf8) }
    }
}

extension Reliability {
    /// Item 6: the config parser, the theme parser and the response parser on 10⁵ mutated inputs each (2·10³ in CI):
    /// no crash, and every rejection a clear message.
    @Suite struct Fuzz {
        /// What one parser's run found: figures for the report, and any problem.
        struct Findings: Sendable {
            var report: String
            var problems: [String]
        }

        @Test func configParser() async throws {
            let findings = try await OffPool.run { try Self.fuzzConfigParser() }
            Report.note("fuzz", findings.report)
            #expect(findings.problems.isEmpty, "\(findings.problems.joined(separator: "\n"))")
        }

        @Test func themeParser() async throws {
            let findings = try await OffPool.run { try Self.fuzzThemeParser() }
            Report.note("fuzz", findings.report)
            #expect(findings.problems.isEmpty, "\(findings.problems.joined(separator: "\n"))")
        }

        @Test func responseParser() async throws {
            let findings = try await OffPool.run { Self.fuzzResponseParser() }
            Report.note("fuzz", findings.report)
            #expect(findings.problems.isEmpty, "\(findings.problems.joined(separator: "\n"))")
        }

        static let count = Scale.count("FUZZ", ci: 2_000, torture: 100_000)

        static let configSeeds: [String] = [
            """
            read_only = false
            theme = "default"
            request_timeout_ms = 3000
            cancel_deadline_ms = 10000

            [keys]
            cancel = "c"
            panic = "!"

            [[session]]
            name = "mm-bot-1"
            api_key = "account-AbCdEf123456"
            secret_env = "GEMINI_MM1_SECRET"
            environment = "production"
            require_heartbeat = true
            nonce_unit = "ms"

            [[session]]
            name = "arb-master"
            api_key = "master-XyZ987"
            secret_file = "~/.config/gdesk/arb.secret"
            environment = "sandbox"
            url = "https://api.sandbox.gemini.com"
            accounts = ["primary", "desk-2"]
            allow_cancel_all = true

            [[session]]
            name = "local"
            api_key = "account-local"
            secret_command = "pass show gemini/local"
            url = "http://127.0.0.1:8089"
            nonce_unit = "us"
            """,
            """
            [[session]]
            name = "a"
            api_key = "account-a"
            secret_env = "A"
            """,
        ]

        static let configTokens = [
            "[", "]", "[[session]]", "[keys]", "=", "#", ",", "{", "}", ".", "true", "false", "-1", "0", "1e308", "nan", "inf",
            "1979-05-27T07:32:00Z", "\"\"\"", "'''", "name", "api_key", "secret_env", "secret_file", "secret_command", "environment",
            "url", "accounts", "require_heartbeat", "nonce_unit", "ca_file", "allow_cancel_all", "read_only", "theme",
            "request_timeout_ms", "cancel_deadline_ms", "keys", "session", "\"master-x\"", "\"account-x\"", "\"https://x\"",
            "\"http://10.0.0.1\"", "\"us\"", "\"s\"", "\"production\"", "\"bogus\"", "\"a/b\"", "\" padded \"", "[\"x\", 1]",
            "\"~/x\"", "\"/etc/passwd\"", "9223372036854775808", "\"\\u0000\"", "\"\\uD800\"", "\"\\x\"",
        ]

        static func fuzzConfigParser() throws -> Findings {
            var mutator = Mutator(seed: Scale.seed, tokens: Self.configTokens)
            var accepted = 0
            var kinds: [String: Int] = [:]
            var unclear: [String] = []
            let environment = ["HOME": "/home/fuzz"]
            for index in 0..<Self.count {
                let input = mutator.mutate(Array(Self.configSeeds[index % Self.configSeeds.count].utf8))
                FuzzTrail.keep(input, target: "config", index: index)
                do {
                    _ = try ConfigLoader.parse(Data(input), path: "/etc/gdesk/config.toml", environment: environment)
                    accepted += 1
                } catch {
                    kinds[error.kind.rawValue, default: 0] += 1
                    let lines = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
                    var problems = Clarity.problems(error.message)
                    if !error.description.hasPrefix("/etc/gdesk/config.toml:") { problems.append("does not start with the file and line") }
                    if let line = error.line, !(1...max(1, lines)).contains(line) { problems.append("line \(line) of \(lines)") }
                    if error.line == nil { problems.append("no line") }
                    if !problems.isEmpty, unclear.count < 10 {
                        unclear.append("input \(index): \(problems.joined(separator: ", ")): \(error.description.prefix(300).debugDescription)")
                    }
                    if !problems.isEmpty && unclear.count >= 10 { unclear.append("…") }
                }
            }
            return Findings(report: "config parser: \(Self.count) inputs (seed \(Scale.seed)), \(accepted) accepted, rejected by kind "
                                + kinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                                + "; \(unclear.count) unclear messages",
                            problems: unclear)
        }

        static func fuzzThemeParser() throws -> Findings {
            let themes = try ["default", "light", "high-contrast", "mono"].map {
                try String(contentsOfFile: Self.themesFolder + "/\($0).toml", encoding: .utf8)
            }
            var mutator = Mutator(seed: Scale.seed &+ 2, tokens: [
                "[palette]", "[roles]", "fg", "bg", "bold", "reverse", "underline", "=", "{", "}", "\"#ff00ff\"", "\"#zzzzzz\"",
                "\"#-fffff\"", "256", "-1", "999999999999999999999", "\"bright_black\"", "\"default\"", "true", "\"red\"",
                "header", "row", "selection", "danger", "accent", "[roles.header]",
            ] + Role.allCases.map(\.rawValue))
            var accepted = 0, warned = 0, rejected = 0
            var unclear: [String] = []
            let mapper = ColorMapper(colorCount: 256), eight = ColorMapper(colorCount: 8)
            for index in 0..<Self.count {
                let input = mutator.mutate(Array(themes[index % themes.count].utf8))
                FuzzTrail.keep(input, target: "theme", index: index)
                var messages: [String] = []
                do {
                    let (theme, warnings) = try ThemeParser.parse(String(decoding: input, as: UTF8.self), name: "fuzz")
                    if warnings.isEmpty { accepted += 1 } else { warned += 1 }
                    messages = warnings
                    // Every style must map to colours the terminal has.
                    for role in Role.allCases {
                        let style = theme.style(for: role)
                        for color in [style.foreground, style.background] {
                            for m in [mapper, eight] where !(-1..<m.colorCount).contains(m.index(for: color)) {
                                unclear.append("input \(index): \(role) maps to colour \(m.index(for: color)) of \(m.colorCount)")
                            }
                        }
                    }
                } catch {
                    rejected += 1
                    messages = ["\(error)"]
                }
                for message in messages where !Clarity.problems(message).isEmpty && unclear.count < 10 {
                    unclear.append("input \(index): \(Clarity.problems(message).joined(separator: ", ")): \(message.prefix(300).debugDescription)")
                }
            }
            return Findings(report: "theme parser: \(Self.count) inputs (seed \(Scale.seed &+ 2)), \(accepted) accepted, \(warned) used "
                                + "with warnings, \(rejected) rejected; \(unclear.count) unclear messages or bad colours",
                            problems: unclear)
        }

        static let responseSeeds: [(status: Int, body: String)] = [
            (200, #"{"result":"ok","details":{"cancelledOrders":[330429106,330429079,18446744073709551615],"cancelRejects":[330429345]}}"#),
            (200, #"{"result":"ok","details":{"cancelledOrders":[],"cancelRejects":[]}}"#),
            (400, #"{"result":"error","reason":"InvalidNonce","message":"Nonce '1490722675108' has not increased since your last call to the Gemini API."}"#),
            (429, #"{"result":"error","reason":"RateLimit","message":"Requests were made too frequently. Please wait and try again."}"#),
            (403, #"{"result":"error","reason":"MissingRole","message":"To access this endpoint, you need to log in to the website"}"#),
            (502, "<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center></body>\n</html>\n"),
            (503, "The Gemini Exchange is currently undergoing maintenance."),
            (500, "Internal Server Error"),
            (200, ""),
            (200, #"{"isAuditor":false,"isFundManager":false,"isTrader":true}"#),
            (200, #"[{"name":"Desk 2","account":"desk-2","type":"exchange","counterparty_id":"AB12","created":1,"status":"open"}]"#),
            (200, #"{"order_id":"18834","symbol":"btcusd","side":"buy","is_live":false,"is_cancelled":true,"reason":"Requested","executed_amount":"0","original_amount":"1","remaining_amount":"1","price":"1.00","timestampms":1}"#),
        ]

        static func fuzzResponseParser() -> Findings {
            var mutator = Mutator(seed: Scale.seed &+ 3, tokens: [
                "{", "}", "[", "]", ",", ":", "\"result\"", "\"ok\"", "\"error\"", "\"details\"", "\"cancelledOrders\"", "\"cancelRejects\"",
                "\"reason\"", "\"message\"", "null", "true", "1", "-1", "1.5", "1e400", "18446744073709551616", "\"123\"", "<html>",
                "</html>", "\"\\u0000\"", "\"\\u001b[31m\"", "\"\\n\"",
            ])
            let statuses = [200, 200, 200, 400, 403, 404, 429, 500, 502, 503, 0, 204, 301, 999]
            var ok = 0, errors: [String: Int] = [:], unclear: [String] = [], claimed: [String] = []
            for index in 0..<Self.count {
                let seed = Self.responseSeeds[index % Self.responseSeeds.count]
                let body = mutator.mutate(Array(seed.body.utf8))
                let status = mutator.int(0..<4) == 0 ? statuses[mutator.int(0..<statuses.count)] : seed.status
                FuzzTrail.keep(Array("\(status)\n".utf8) + body, target: "response", index: index)
                let cancel = ResponseParser.cancel(status: status, body: body)
                let others: [GeminiError?] = [
                    ResponseParser.error(status: status, body: body),
                    ResponseParser.roles(status: status, body: body).failure,
                    ResponseParser.accounts(status: status, body: body).failure,
                    ResponseParser.orderStatus(status: status, body: body).failure,
                    ResponseParser.heartbeat(status: status, body: body).failure,
                ]
                switch cancel {
                case .success(let details):
                    ok += 1
                    // ok only for a 200 whose JSON says result ok with details, and exactly the IDs it lists.
                    if !Self.saysOK(status: status, body: body, details: details) {
                        claimed.append("input \(index): ok from \(status) \(String(decoding: body.prefix(200), as: UTF8.self).debugDescription)")
                    }
                case .failure(let error):
                    errors[error.reasonText, default: 0] += 1
                    if case .ok = CancelVerdict(.success(HTTPResponse(status: status, body: body))) {
                        claimed.append("input \(index): the verdict says ok where the parser said \(error)")
                    }
                }
                for error in [cancel.failure] + others {
                    guard let error else { continue }
                    // What the operator reads: the reason, then the message (the exchange's own words, however short).
                    let problems = Clarity.problems(error.description)
                    if !problems.isEmpty, unclear.count < 10 {
                        unclear.append("input \(index) (\(status)): \(problems.joined(separator: ", ")): \(error.description.prefix(300).debugDescription)")
                    }
                }
            }
            let top = errors.sorted { $0.value > $1.value }.prefix(8).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return Findings(report: "response parser: \(Self.count) inputs × 6 parsers (seed \(Scale.seed &+ 3)), \(ok) cancels ok "
                                + "(each checked against the body), errors: \(top); \(claimed.count) false ok; \(unclear.count) unclear messages",
                            problems: Array(claimed.prefix(10)) + unclear)
        }

        /// Whether `body` is a 200 JSON object with `result: "ok"` and a `details` object listing exactly `details`' IDs.
        static func saysOK(status: Int, body: [UInt8], details: CancelDetails) -> Bool {
            guard status == 200, let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
                  object["result"] as? String == "ok", let listed = object["details"] as? [String: Any] else { return false }
            func ids(_ key: String) -> [UInt64]? {
                guard let value = listed[key] else { return [] }
                guard let array = value as? [NSNumber] else { return nil }
                return array.map { $0.uint64Value }
            }
            return ids("cancelledOrders") == details.cancelled && ids("cancelRejects") == details.rejected
        }

        static let themesFolder: String = {
            var url = URL(fileURLWithPath: #filePath)
            while url.path != "/" {
                url.deleteLastPathComponent()
                if FileManager.default.fileExists(atPath: url.appendingPathComponent("themes/default.toml").path) {
                    return url.appendingPathComponent("themes").path
                }
            }
            return "themes"
        }()
    }
}

/// Runs CPU-bound work on a thread of its own: a long loop on one of the few cooperative threads (two on two cores)
/// would stall every other suite's timers and timeouts meanwhile.
enum OffPool {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.stackSize = 16 << 20
            thread.start()
        }
    }
}

extension Result {
    var failure: Failure? { if case .failure(let f) = self { f } else { nil } }
}
