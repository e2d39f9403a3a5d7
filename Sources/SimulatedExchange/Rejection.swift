import GeminiClient

/// An error answer: `{"result":"error","reason":…,"message":…}` with its HTTP status.
struct Rejection: Error, Sendable {
    let status: Int
    let reason: String
    let message: String
    /// Sent as `Retry-After` (seconds), if set.
    var retryAfterSeconds: Int?

    /// A Gemini reason, answered with the HTTP status Gemini uses for it.
    init(_ reason: GeminiReason, _ message: String) {
        self.init(status: reason.httpStatus, reason: reason.description, message: message)
    }

    init(status: Int, reason: String, message: String) {
        self.status = status
        self.reason = reason
        self.message = message
    }

    var reply: Reply {
        var reply = Reply(status: status, body: JSONValue.object([
            ("result", .string("error")), ("reason", .string(reason)), ("message", .string(message)),
        ]).bytes, recordedReason: reason)
        if let retryAfterSeconds { reply.headers = [("Retry-After", String(retryAfterSeconds))] }
        return reply
    }
}
