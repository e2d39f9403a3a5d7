// Text typed by the operator that could not be read, and why.
struct InputProblem: Error, Sendable, Equatable {
    var message: String
}
