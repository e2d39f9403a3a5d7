/// Why a session cannot be used: nothing was sent.
struct SessionProblem: Error, Sendable {
    var reason: String
    var message: String
}
