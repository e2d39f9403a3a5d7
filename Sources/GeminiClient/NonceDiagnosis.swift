/// Why the exchange keeps refusing a key's nonces, told apart from the exchange's own words and this host's state:
/// the key is time-based and the nonce is outside ±30 s; gdesk's own stored nonce is ahead of the clock; or another
/// client using the key is ahead (and which unit would fit).
struct NonceDiagnosis {
    /// The exchange's `message` of the last `InvalidNonce`.
    var exchangeMessage: String
    /// The unit this session signs with.
    var unit: NonceUnit
    /// What the nonce store holds for the key.
    var marks: NonceMarks
    var epochNanoseconds: UInt64

    /// The exchange says "is not within 30 seconds of server time" to time-based keys and "has not increased" otherwise.
    var isOutsideTimeWindow: Bool {
        exchangeMessage.localizedCaseInsensitiveContains("within 30 seconds")
            || exchangeMessage.localizedCaseInsensitiveContains("not within")
    }

    /// The nonce the exchange names: `Nonce '1490722675108' …`.
    var refusedNonce: UInt64? { Self.quotedNumbers(in: exchangeMessage).first }

    /// A stored value of this key's (another unit's mark, or one set aside) above the refused nonce: the exchange has
    /// most likely seen it from gdesk, so gdesk itself is the client that is ahead.
    var ownMarkAhead: (value: UInt64, readsAs: NonceUnit?)? {
        guard let refused = refusedNonce else { return nil }
        let others = marks.marks.filter { $0.key != unit }.map(\.value) + marks.ignored
        return others.filter { $0 > refused }.max().map { ($0, NonceUnit.reading($0, epochNanoseconds: epochNanoseconds)) }
    }

    /// The operator's explanation (without the count of tries).
    var explanation: String {
        if isOutsideTimeWindow {
            if unit != .seconds {
                return "the key uses time-based nonces (seconds within ±30 s of the exchange's clock; the exchange said: "
                    + "\(exchangeMessage)): set nonce_unit = \"s\" for this session"
            }
            let numbers = Self.quotedNumbers(in: exchangeMessage)
            let offset = numbers.count >= 2 ? " (this host is \(Int64(bitPattern: numbers[0] &- numbers[1])) s off)" : ""
            return "this time-based key's nonce was outside ±30 s of the exchange's clock\(offset): this host's clock is wrong; "
                + "fix it (NTP) — gdesk sends nonces within ±\(NonceStore.timeBasedWindowSeconds) s of its own clock"
        }
        if let (value, readsAs) = ownMarkAhead {
            let fit = readsAs.map { "set nonce_unit = \"\($0.rawValue)\" (\($0.name), which fits) or " } ?? ""
            return "gdesk's own stored nonce on this key is ahead of the clock: it holds \(value)"
                + (readsAs.map { " (\($0.name))" } ?? "") + ", which the exchange has likely seen and refuses anything below: "
                + fit + "create a new API key"
        }
        let larger = NonceUnit.allCases.filter { $0.nanosecondsPerUnit < unit.nanosecondsPerUnit && $0 != .seconds }
        let hint = larger.isEmpty
            ? "stop the other client or give gdesk a key of its own"
            : larger.map { "if it uses \($0.name)\($0 == .nanoseconds ? " (Gemini's own CLI, gocryptotrader)" : ""), set nonce_unit = \"\($0.rawValue)\"" }
                .joined(separator: "; ") + "; otherwise stop it or give gdesk a key of its own"
        return "another client using this API key is ahead of gdesk's nonces (gdesk uses \(unit.name)): \(hint)"
    }

    /// The numbers between single quotes, in order.
    static func quotedNumbers(in text: String) -> [UInt64] {
        text.split(separator: "'", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.compactMap { UInt64($0.element) }
    }
}
