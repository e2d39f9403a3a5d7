/// A misbehaviour injected into one key's private requests, after they pass verification, rate limit, role
/// and account checks.
///
/// In JSON a fault is its case name as a string (`"hang"`, `"resetAfterReceive"`, …), except those with a value:
/// `{"latency": 250}` (milliseconds), `{"rateLimited": 3}` (a 429 with `Retry-After: 3`),
/// `{"redirect": "https://api.gemini.com"}` (a 301 to there), `{"answer": {"status": 403, "headers": {…}, "body": "…"}}`.
public enum Fault: Sendable, Codable, Equatable {
    /// Extra delay for this key's answers, on top of the scenario's base latency. The request is applied.
    case latency(milliseconds: Int)
    /// Apply the request, never answer (the client's deadline fires).
    case hang
    /// Apply the request, then reset the TCP connection (SO_LINGER 0 and close) without answering.
    case resetAfterReceive
    /// Apply, then answer HTTP 500 `{"result":"error","reason":"System",…}`.
    case internalError
    /// Apply, then answer HTTP 502 with an HTML page, as a gateway would.
    case badGatewayHTML
    /// Do not apply; answer HTTP 503 `{"result":"error","reason":"Maintenance",…}`.
    case maintenance
    /// Do not apply; answer HTTP 429 `{"result":"error","reason":"RateLimit",…}`.
    case rateLimited
    /// Apply, then answer HTTP 200 with the JSON body cut in half.
    case truncatedJSON
    /// Apply, then answer HTTP 200 with the JSON answer followed by 50 MB of spaces: still valid JSON, for a client that
    /// reads it all.
    case oversizedBody
    /// Do not apply; answer HTTP 400 `InvalidNonce` as if another client using the key were ahead. The key's
    /// nonce does not advance.
    case invalidNonce
    /// Do not apply; answer HTTP 429 `RateLimit` with `Retry-After` in whole seconds.
    case rateLimitedRetryAfter(seconds: Int)
    /// Do not apply; answer HTTP 301 with `Location` (the entry point has moved).
    case redirect(location: String)
    /// Do not apply; answer exactly this (an SDK conformance case's answer, another error envelope).
    case answer(VerbatimAnswer)

    // The names of the cases without values, as they appear in JSON.
    static let simpleNames: [(String, Fault)] = [
        ("hang", .hang), ("resetAfterReceive", .resetAfterReceive), ("internalError", .internalError),
        ("badGatewayHTML", .badGatewayHTML), ("maintenance", .maintenance), ("rateLimited", .rateLimited),
        ("truncatedJSON", .truncatedJSON), ("invalidNonce", .invalidNonce), ("oversizedBody", .oversizedBody),
    ]

    /// Whether the exchange acts on a request that meets this fault.
    public var applies: Bool {
        switch self {
        case .maintenance, .rateLimited, .invalidNonce, .rateLimitedRetryAfter, .redirect, .answer: false
        default: true
        }
    }

    private enum ValueKey: String, CodingKey { case latency, rateLimited, redirect, answer }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            guard let fault = Self.simpleNames.first(where: { $0.0 == name })?.1 else {
                let known = (Self.simpleNames.map(\.0) + ["{\"latency\": <milliseconds>}", "{\"rateLimited\": <seconds>}",
                                                         "{\"redirect\": <location>}", "{\"answer\": {status, headers, body}}"])
                    .joined(separator: ", ")
                throw DecodingError.dataCorruptedError(in: single, debugDescription: "unknown fault '\(name)'; expected one of \(known)")
            }
            self = fault
            return
        }
        let c = try decoder.container(keyedBy: ValueKey.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
                                                    debugDescription: "a fault with a value has exactly one of latency, rateLimited, redirect, answer"))
        }
        switch key {
        case .latency:
            let milliseconds = try c.decode(Int.self, forKey: .latency)
            guard milliseconds >= 0 else {
                throw DecodingError.dataCorruptedError(forKey: .latency, in: c, debugDescription: "latency must be 0 or more milliseconds")
            }
            self = .latency(milliseconds: milliseconds)
        case .rateLimited:
            let seconds = try c.decode(Int.self, forKey: .rateLimited)
            guard seconds >= 0 else {
                throw DecodingError.dataCorruptedError(forKey: .rateLimited, in: c, debugDescription: "Retry-After must be 0 or more seconds")
            }
            self = .rateLimitedRetryAfter(seconds: seconds)
        case .redirect:
            self = .redirect(location: try c.decode(String.self, forKey: .redirect))
        case .answer:
            self = .answer(try c.decode(VerbatimAnswer.self, forKey: .answer))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .latency(let milliseconds):
            var c = encoder.container(keyedBy: ValueKey.self)
            try c.encode(milliseconds, forKey: .latency)
        case .rateLimitedRetryAfter(let seconds):
            var c = encoder.container(keyedBy: ValueKey.self)
            try c.encode(seconds, forKey: .rateLimited)
        case .redirect(let location):
            var c = encoder.container(keyedBy: ValueKey.self)
            try c.encode(location, forKey: .redirect)
        case .answer(let answer):
            var c = encoder.container(keyedBy: ValueKey.self)
            try c.encode(answer, forKey: .answer)
        default:
            var single = encoder.singleValueContainer()
            try single.encode(Self.simpleNames.first { $0.1 == self }!.0)
        }
    }
}
