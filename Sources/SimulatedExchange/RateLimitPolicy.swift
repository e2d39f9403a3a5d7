/// Gemini's private-API rate limit as a token bucket, per (API key, account) or, with `perKey`, per API key.
public struct RateLimitPolicy: Sendable, Codable, Equatable {
    /// Tokens refilled per second (10 = Gemini's 600 a minute).
    public var requestsPerSecond: Double
    /// Extra requests allowed at once on top of one second's worth: the bucket holds `requestsPerSecond + burst`
    /// tokens (at least 1).
    public var burst: Int
    /// One bucket for all of a key's requests, whichever account they name ("600 requests a minute per key"), instead of
    /// one per (key, account).
    public var perKey: Bool
    /// Sent as `Retry-After` (whole seconds) with every 429 of the bucket; nil sends none (Gemini's docs document
    /// none; its SDK suite's 429 carries one).
    public var retryAfterSeconds: Int?

    public init(requestsPerSecond: Double = 10, burst: Int = 5, perKey: Bool = false, retryAfterSeconds: Int? = nil) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
        self.perKey = perKey
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Decodes with defaults for missing fields (10 a second, burst 5, per (key, account)).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        requestsPerSecond = try c.decodeIfPresent(Double.self, forKey: .requestsPerSecond) ?? 10
        burst = try c.decodeIfPresent(Int.self, forKey: .burst) ?? 5
        perKey = try c.decodeIfPresent(Bool.self, forKey: .perKey) ?? false
        retryAfterSeconds = try c.decodeIfPresent(Int.self, forKey: .retryAfterSeconds)
    }

    /// Practically no limit, for benchmarks.
    public static let unlimited = RateLimitPolicy(requestsPerSecond: 1_000_000_000, burst: 1_000_000_000)

    /// The bucket's capacity.
    var capacity: Double { max(1, requestsPerSecond + Double(burst)) }
}
