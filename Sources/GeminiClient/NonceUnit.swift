/// The unit of a key's nonces. Gemini compares nonces as numbers, so every client sharing a key must use one unit.
public enum NonceUnit: String, Sendable, CaseIterable, Codable {
    case milliseconds = "ms"
    case microseconds = "us"
    /// "Time-based nonce" keys: seconds within ±30 s of the exchange's clock.
    case seconds = "s"

    /// The unit's name in words.
    public var name: String {
        switch self {
        case .seconds: "seconds"
        case .milliseconds: "milliseconds"
        case .microseconds: "microseconds"
        }
    }

    /// The current time in this unit.
    public func now(epochNanoseconds: UInt64) -> UInt64 {
        switch self {
        case .seconds: epochNanoseconds / 1_000_000_000
        case .milliseconds: epochNanoseconds / 1_000_000
        case .microseconds: epochNanoseconds / 1_000
        }
    }
}
