import Foundation

/// Something wrong with a key's stored nonce state, and what gdesk did about it. None of these stops a request:
/// the worst case is nonces from the clock alone.
public enum NonceNotice: Sendable, Equatable, CustomStringConvertible {
    /// The nonce file could not be opened, locked or written: nonces came from the clock, ordered within this process only.
    case fileUnusable(path: String, why: String)
    /// The file held text that is not a nonce mark; it was ignored (and is rewritten at the next request).
    case unreadable(path: String?)
    /// A stored mark that cannot be a nonce of `unit` (beyond twice the clock in that unit, or about to overflow):
    /// ignored, nonces from the clock. `readsAs`: the larger unit the value would be a nonce of, if any.
    case implausible(unit: NonceUnit, mark: UInt64, readsAs: NonceUnit?, path: String?)
    /// The stored mark is more than a minute ahead of the clock: gdesk continues above it (the exchange has seen it), and
    /// other clients of the key that use the clock are refused until the clock passes it.
    case ahead(unit: NonceUnit, mark: UInt64, seconds: UInt64, path: String?)
    /// A time-based key's stored mark is outside the window around now: ignored, nonces from the clock.
    case outsideWindow(mark: UInt64, now: UInt64, path: String?)

    /// The same notice naming the file it is about.
    func at(_ path: String) -> NonceNotice {
        switch self {
        case .fileUnusable: self
        case .unreadable: .unreadable(path: path)
        case .implausible(let unit, let mark, let readsAs, _): .implausible(unit: unit, mark: mark, readsAs: readsAs, path: path)
        case .ahead(let unit, let mark, let seconds, _): .ahead(unit: unit, mark: mark, seconds: seconds, path: path)
        case .outsideWindow(let mark, let now, _): .outsideWindow(mark: mark, now: now, path: path)
        }
    }

    /// In the operator's words, with what to do.
    public var description: String {
        switch self {
        case .fileUnusable(let path, let why):
            return "nonce file \(path) unusable (\(why)): nonces follow the clock and are ordered within this process only; "
                + "fix the state directory's permissions or space"
        case .unreadable(let path):
            return "nonce file\(Self.named(path)) does not hold nonce marks: ignored, nonces follow the clock "
                + "(it is rewritten at the next request)"
        case .implausible(let unit, let mark, let readsAs, let path):
            let reading = readsAs.map { "it reads as \($0.name)" } ?? "it is no unit's time"
            let fix = readsAs.map { "if gdesk really sent it, the exchange now refuses smaller nonces: set nonce_unit = \"\($0.rawValue)\" or use a new API key; " } ?? ""
            return "stored nonce \(mark)\(Self.named(path)) cannot be \(unit.name) (\(reading)): ignored, nonces follow the clock; "
                + fix + "otherwise nothing to do"
        case .ahead(let unit, let mark, let seconds, let path):
            let until = Date(timeIntervalSince1970: TimeInterval(mark / unit.perSecond))
            return "stored nonce \(mark)\(Self.named(path)) is \(Self.span(seconds)) ahead of the clock (\(unit.name); written while "
                + "the clock was ahead?): gdesk continues above it, but other clients of this key that use the clock get "
                + "InvalidNonce until \(Self.utc(until)); check the clock (NTP), and give other clients a key of their own meanwhile"
        case .outsideWindow(let mark, let now, let path):
            let offset = Int64(bitPattern: mark &- now)
            return "stored time-based nonce \(mark)\(Self.named(path)) is \(offset > 0 ? "+" : "")\(offset) s from the clock: "
                + "outside the exchange's ±30 s, ignored; nonces follow the clock"
        }
    }

    private static func named(_ path: String?) -> String { path.map { " (\($0))" } ?? "" }

    static func span(_ seconds: UInt64) -> String {
        if seconds >= 2 * 86_400 { return "\(seconds / 86_400) days" }
        if seconds >= 2 * 3_600 { return "\(seconds / 3_600) hours" }
        if seconds >= 120 { return "\(seconds / 60) minutes" }
        return "\(seconds) s"
    }

    static func utc(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
