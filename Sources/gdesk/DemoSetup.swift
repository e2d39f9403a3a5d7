import DeskCore
import Foundation
import GeminiClient

/// The built-in demo's exchange: `gdesk-exchange --handoff` started as a child, and the config and secrets it hands
/// over for its sessions. The desk binary itself carries no simulator.
struct DemoSetup {
    let exchange: ExchangeChild
    let handoff: SimulatorHandoff

    /// Starts the simulated exchange; its errors go to `errorLog`.
    static func start(errorLog: String) throws -> DemoSetup {
        let executable = try ExchangeExecutable.locate().get()
        let (child, line) = try ExchangeChild.start(executable, arguments: ["--handoff", "--port", "0"], errorLog: errorLog)
        do {
            let handoff = try JSONDecoder().decode(SimulatorHandoff.self, from: Data(line.utf8))
            return DemoSetup(exchange: child, handoff: handoff)
        } catch {
            child.stop()
            throw ExchangeChild.Failure("its handoff could not be read (\(error)); see \(errorLog)")
        }
    }

    var config: DeskConfig { handoff.config }

    func secret(for session: SessionConfig) throws -> APISecret {
        guard let secret = handoff.secret(for: session) else { throw DemoError.noSecret(session.name) }
        return APISecret(secret)
    }

    func stop() { exchange.stop() }
}

enum DemoError: Error, CustomStringConvertible {
    case noSecret(String)
    var description: String {
        switch self {
        case .noSecret(let name): "demo session \(name) has no secret"
        }
    }
}
