/// Why a request got no HTTP answer. Keeps "never sent" apart from "sent, outcome unknown".
public enum TransportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request never left this machine (no route, refused, TLS failed, deadline before sending).
    case notSent(String)
    /// The request left, but no complete answer came back (timeout, reset): the exchange may have acted.
    case sentNoAnswer(String)

    public var description: String {
        switch self {
        case .notSent(let why): "not sent: \(why)"
        case .sentNoAnswer(let why): "sent, no answer: \(why)"
        }
    }

    public var wasSent: Bool { if case .sentNoAnswer = self { true } else { false } }

    /// Whether `why` (a `notSent` reason) only says time ran out, with no cause found.
    static func isTimeout(_ why: String) -> Bool {
        why.contains("(timeout)") || why.contains("before the request's deadline")
    }
}
