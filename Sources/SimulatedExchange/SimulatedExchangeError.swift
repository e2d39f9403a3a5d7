/// Why the simulated exchange could not start.
public enum SimulatedExchangeError: Error, Sendable, Equatable, CustomStringConvertible {
    case alreadyStarted
    case portOutOfRange(Int)

    public var description: String {
        switch self {
        case .alreadyStarted: "the simulated exchange is already started"
        case .portOutOfRange(let port): "port \(port) is not between 0 and 65535"
        }
    }
}
