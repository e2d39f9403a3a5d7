/// An HTTP request as the exchange judges it: method, path and the three authentication headers.
struct IncomingRequest: Sendable {
    var method: String
    /// Without the query.
    var path: String
    var apiKey: String?
    var payload: String?
    var signature: String?
}
