import GeminiClient
import Logging

/// The `GeminiAPI` of each session, built once: secrets resolved, URLs checked, one transport and nonce store shared.
struct SessionClients: Sendable {
    /// A session's client, or why there is none (a missing secret, a bad URL).
    let clients: [String: Result<GeminiAPI, SessionProblem>]

    init(config: DeskConfig, transport: any HTTPTransport, nonces: NonceStore,
         secret: (SessionConfig) throws -> APISecret, logger: Logger) {
        var clients: [String: Result<GeminiAPI, SessionProblem>] = [:]
        for session in config.sessions {
            do {
                let url = try BaseURL(session.baseURL)
                let credentials = Credentials(apiKey: session.apiKey, secret: try secret(session))
                clients[session.name] = .success(GeminiAPI(credentials: credentials, baseURL: url, nonceUnit: session.nonceUnit,
                                                           transport: transport, nonces: nonces,
                                                           requestTimeout: config.requestTimeout, logger: logger))
            } catch let error as GeminiError {
                clients[session.name] = .failure(SessionProblem(reason: error.reasonText, message: error.message))
            } catch {
                clients[session.name] = .failure(SessionProblem(reason: "NoSecret", message: "\(error)"))
            }
        }
        self.clients = clients
    }

    func api(_ session: String) -> Result<GeminiAPI, SessionProblem> {
        clients[session] ?? .failure(SessionProblem(reason: "UnknownSession", message: "no session named \"\(session)\" in the config"))
    }
}
