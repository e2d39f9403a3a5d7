/// An HTTP answer given exactly as written: status, headers and body text (an SDK conformance case's answer, a
/// gateway's page, an error envelope in another shape).
public struct VerbatimAnswer: Sendable, Codable, Equatable {
    public var status: Int
    /// Header names and values as sent; `Content-Length` is the exchange's own.
    public var headers: [String: String]
    public var body: String

    public init(status: Int, headers: [String: String] = [:], body: String = "") {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Decodes with no headers and an empty body when they are left out.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decode(Int.self, forKey: .status)
        headers = try c.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
        body = try c.decodeIfPresent(String.self, forKey: .body) ?? ""
        guard (100...599).contains(status) else {
            throw DecodingError.dataCorruptedError(forKey: .status, in: c, debugDescription: "status must be 100 to 599")
        }
    }
}
