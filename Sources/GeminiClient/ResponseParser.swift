import Foundation

/// Turns HTTP answers into typed results or `GeminiError`s. Order IDs are read as `UInt64`, never through `Double`.
public enum ResponseParser {
    /// The error an answer carries, or nil for a 200. `headers` (names in lower case) give `Retry-After` and, for a
    /// 30x, `Location`.
    ///
    /// Gemini writes errors two ways: `{"result":"error","reason":…,"message":…}` and `{"error":…,"message":…}`;
    /// both are read. Without a readable reason, the status says what it can: a 429 is a rate limit and a 503
    /// maintenance whatever the body, a 30x a moved entry point; anything else is `unreadable` with the body's start.
    public static func error(status: Int, headers: [String: String] = [:], body: [UInt8]) -> GeminiError? {
        guard status != 200 else { return nil }
        if (300..<400).contains(status) {
            return .redirected(status: status, location: headers["location"].map { $0.printableLine(limit: 200) })
        }
        let retryAfter = headers["retry-after"].flatMap { RetryAfter.parse($0) }
        if let envelope = ErrorEnvelope.read(body) {
            // The exchange's words reach terminals and the history: one printable line, never escape sequences.
            let shownReason = envelope.reason.printableLine(limit: 64)
            let message = (envelope.message ?? "").printableLine(limit: 300)
            return .exchange(status: status, reason: GeminiReason(shownReason),
                             message: message.isEmpty ? "HTTP \(status) \(shownReason), without a message" : message,
                             retryAfter: retryAfter)
        }
        switch status {
        case 429: return .exchange(status: status, reason: .rateLimit, message: snippet(body), retryAfter: retryAfter)
        case 503: return .exchange(status: status, reason: .maintenance, message: snippet(body), retryAfter: retryAfter)
        case 404 where body.isEmpty: return .unreadable(status: status, detail: "not found, with an empty body: the request did nothing (check the session's url)")
        default: return .unreadable(status: status, detail: snippet(body))
        }
    }

    public static func cancel(status: Int, headers: [String: String] = [:], body: [UInt8]) -> Result<CancelDetails, GeminiError> {
        decode(CancelEnvelope.self, status: status, headers: headers, body: body).flatMap { envelope in
            guard envelope.result == "ok", let details = envelope.details else {
                return .failure(.unreadable(status: status, detail: "no result/details in \(snippet(body))"))
            }
            if let doubt = ambiguity(body) { return .failure(.unreadable(status: status, detail: doubt)) }
            return .success(CancelDetails(cancelled: details.cancelledOrders ?? [], rejected: details.cancelRejects ?? []))
        }
    }

    /// Why an ok cancel body cannot be taken at its word, if it cannot: it is not valid JSON throughout (the decoder skips
    /// the values of keys it does not know), or it names a field it relies on twice (which one counts is anyone's guess).
    static func ambiguity(_ body: [UInt8]) -> String? {
        guard (try? JSONSerialization.jsonObject(with: Data(body))) != nil else {
            return "not valid JSON throughout: \(snippet(body))"
        }
        for key in reliedOnKeys where occurrences(of: key, in: body) > 1 {
            return "\"\(String(decoding: key.dropFirst().dropLast(), as: UTF8.self))\" appears twice: \(snippet(body))"
        }
        return nil
    }

    // The fields an ok cancel is read from, quoted as they appear in a body.
    private static let reliedOnKeys = ["result", "details", "cancelledOrders", "cancelRejects"].map { Array("\"\($0)\"".utf8) }

    // How many times `pattern` starts in `body`, overlapping ones included: bytes, so never fewer than a search by
    // characters would find (splitting a String four times took two thirds of an ok cancel's parsing).
    static func occurrences(of pattern: [UInt8], in body: [UInt8]) -> Int {
        guard let first = pattern.first, body.count >= pattern.count else { return 0 }
        var count = 0
        var start = 0
        let last = body.count - pattern.count
        while start <= last {
            guard let at = body[start...last].firstIndex(of: first) else { break }
            if body[at..<(at + pattern.count)].elementsEqual(pattern) { count += 1 }
            start = at + 1
        }
        return count
    }

    public static func heartbeat(status: Int, headers: [String: String] = [:], body: [UInt8]) -> Result<Void, GeminiError> {
        decode(ResultEnvelope.self, status: status, headers: headers, body: body).flatMap { envelope in
            envelope.result == "ok" ? .success(()) : .failure(.unreadable(status: status, detail: snippet(body)))
        }
    }

    public static func roles(status: Int, headers: [String: String] = [:], body: [UInt8]) -> Result<Roles, GeminiError> {
        decode(RolesEnvelope.self, status: status, headers: headers, body: body).map {
            Roles(isTrader: $0.isTrader, isAuditor: $0.isAuditor, isFundManager: $0.isFundManager, isAccountAdmin: $0.isAccountAdmin)
        }
    }

    public static func accounts(status: Int, headers: [String: String] = [:], body: [UInt8]) -> Result<[SubAccount], GeminiError> {
        decode([AccountEnvelope].self, status: status, headers: headers, body: body).map { list in
            list.map { SubAccount(name: $0.name, account: $0.account, type: $0.type, status: $0.status ?? "open") }
        }
    }

    public static func orderStatus(status: Int, headers: [String: String] = [:], body: [UInt8]) -> Result<OrderStatus, GeminiError> {
        decode(OrderEnvelope.self, status: status, headers: headers, body: body).map { o in
            OrderStatus(orderID: o.order_id.value, symbol: o.symbol, side: o.side, isLive: o.is_live, isCancelled: o.is_cancelled,
                        reason: o.reason, executedAmount: o.executed_amount?.text ?? "0", originalAmount: o.original_amount?.text ?? "0",
                        remainingAmount: o.remaining_amount?.text ?? "0", price: o.price?.text, timestampms: o.timestampms?.value)
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, status: Int, headers: [String: String], body: [UInt8]) -> Result<T, GeminiError> {
        if let error = error(status: status, headers: headers, body: body) { return .failure(error) }
        do {
            return .success(try JSONDecoder().decode(T.self, from: Data(body)))
        } catch {
            return .failure(.unreadable(status: status, detail: "\(body.isEmpty ? "empty body" : "malformed JSON"): \(snippet(body))"))
        }
    }

    /// The start of a body, on one printable line, for messages: HTML tags removed, at most 120 characters.
    static func snippet(_ body: [UInt8]) -> String {
        var text = String(decoding: body.prefix(2048), as: UTF8.self)
        if text.contains("<") {
            text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        }
        let line = text.printableLine(limit: 120)
        return line.isEmpty ? "(empty body)" : line
    }
}

/// An error body: `{"result":"error","reason":…,"message":…}` or `{"error":…,"message":…}`.
private struct ErrorEnvelope {
    var reason: String
    var message: String?

    private struct Wire: Decodable {
        var result: String?
        var reason: String?
        var error: String?
        var message: String?

        // Each field on its own: an `error` that is an object, or a number where a string was expected, leaves that
        // field out instead of making the whole body unreadable.
        private enum Key: String, CodingKey { case result, reason, error, message }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            result = try? c.decodeIfPresent(String.self, forKey: .result)
            reason = try? c.decodeIfPresent(String.self, forKey: .reason)
            error = try? c.decodeIfPresent(String.self, forKey: .error)
            message = try? c.decodeIfPresent(String.self, forKey: .message)
        }
    }

    /// The envelope in `body`, if it names a reason; `reason` wins over `error` when both are there.
    static func read(_ body: [UInt8]) -> ErrorEnvelope? {
        guard !body.isEmpty, let wire = try? JSONDecoder().decode(Wire.self, from: Data(body)) else { return nil }
        if let reason = wire.reason, !reason.isEmpty { return ErrorEnvelope(reason: reason, message: wire.message) }
        if let reason = wire.error, !reason.isEmpty, wire.result == nil || wire.result == "error" {
            return ErrorEnvelope(reason: reason, message: wire.message)
        }
        return nil
    }
}
private struct ResultEnvelope: Decodable { var result: String? }
private struct CancelEnvelope: Decodable {
    struct Details: Decodable { var cancelledOrders: [UInt64]?; var cancelRejects: [UInt64]? }
    var result: String?
    var details: Details?
}
private struct RolesEnvelope: Decodable {
    var isTrader: Bool; var isAuditor: Bool; var isFundManager: Bool; var isAccountAdmin: Bool?
}
private struct AccountEnvelope: Decodable { var name: String; var account: String; var type: String; var status: String? }
private struct OrderEnvelope: Decodable {
    var order_id: FlexibleUInt64
    var symbol: String
    var side: String
    var is_live: Bool
    var is_cancelled: Bool
    var reason: String?
    var executed_amount: FlexibleDecimal?
    var original_amount: FlexibleDecimal?
    var remaining_amount: FlexibleDecimal?
    var price: FlexibleDecimal?
    var timestampms: FlexibleUInt64?
}

/// A JSON integer or a string of digits, as Gemini writes order IDs both ways.
struct FlexibleUInt64: Decodable {
    var value: UInt64
    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(UInt64.self) {
            value = number
        } else if let text = try? container.decode(String.self), let number = UInt64(text) {
            value = number
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an unsigned integer")
        }
    }
}

/// A decimal amount written as a JSON string (Gemini's way) or a JSON number, kept as its exact decimal text: never
/// through `Double` ("0.00000001" stays "0.00000001").
struct FlexibleDecimal: Decodable {
    var text: String
    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            guard Decimal(string: string, locale: Locale(identifier: "en_US_POSIX")) != nil else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a decimal number: \(string)")
            }
            text = string
        } else {
            // Foundation's decoder reads a JSON number into `Decimal` from its digits, not through `Double`.
            text = try container.decode(Decimal.self).description
        }
    }
}
