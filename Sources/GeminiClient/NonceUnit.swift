/// The unit of a key's nonces. Gemini compares nonces as numbers, so every client sharing a key must use one unit.
public enum NonceUnit: String, Sendable, CaseIterable, Codable {
    /// "Time-based nonce" keys: seconds within ±30 s of the exchange's clock.
    case seconds = "s"
    case milliseconds = "ms"
    case microseconds = "us"
    /// Gemini's own command-line client and gocryptotrader sign with nanoseconds.
    case nanoseconds = "ns"

    /// The unit's name in words.
    public var name: String {
        switch self {
        case .seconds: "seconds"
        case .milliseconds: "milliseconds"
        case .microseconds: "microseconds"
        case .nanoseconds: "nanoseconds"
        }
    }

    /// Nanoseconds in one of this unit.
    public var nanosecondsPerUnit: UInt64 {
        switch self {
        case .seconds: 1_000_000_000
        case .milliseconds: 1_000_000
        case .microseconds: 1_000
        case .nanoseconds: 1
        }
    }

    /// One second in this unit.
    public var perSecond: UInt64 { 1_000_000_000 / nanosecondsPerUnit }

    /// The current time in this unit.
    public func now(epochNanoseconds: UInt64) -> UInt64 {
        epochNanoseconds / nanosecondsPerUnit
    }

    /// Whether `value` can be a nonce of this unit at `epochNanoseconds`: at most twice the clock in this unit
    /// (beyond that it is another, larger unit's, or nobody's).
    public func fits(_ value: UInt64, epochNanoseconds: UInt64) -> Bool {
        let now = now(epochNanoseconds: epochNanoseconds)
        return value <= now.multipliedReportingOverflow(by: 2).partialValue || now > UInt64.max / 2
    }

    /// The unit `value` reads as at `epochNanoseconds`: the one whose clock it is between half and twice of; nil when
    /// it is no unit's (zero, or beyond twice the nanosecond clock).
    public static func reading(_ value: UInt64, epochNanoseconds: UInt64) -> NonceUnit? {
        allCases.first { unit in
            let now = unit.now(epochNanoseconds: epochNanoseconds)
            return value >= now / 2 && unit.fits(value, epochNanoseconds: epochNanoseconds)
        }
    }
}
