import DeskCore
import Foundation
import SimulatedExchange

/// Writes a gdesk config for the simulated exchange, secrets in 0600 files beside it. The config is written whole
/// (renamed into place) once the exchange listens, so a script may wait for the file to appear.
enum ConfigWriter {
    static func write(to path: String, baseURL: String, sessions: [(name: String, key: ExchangeKey, environment: Environment)]) throws {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let secrets = directory + "/secrets"
        try FileManager.default.createDirectory(atPath: secrets, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var toml = "# gdesk config for the simulated exchange at \(baseURL)\n"
        for (name, key, environment) in sessions {
            let secretFile = "\(secrets)/\(name).secret"
            _ = FileManager.default.createFile(atPath: secretFile, contents: Data(key.secret.utf8), attributes: [.posixPermissions: 0o600])
            toml += """

                [[session]]
                name = "\(name)"
                api_key = "\(key.apiKey)"
                secret_file = "\(secretFile)"
                environment = "\(environment.rawValue)"
                url = "\(baseURL)"

                """
            if key.isMaster { toml += "accounts = [" + key.accounts.map { "\"\($0.name)\"" }.joined(separator: ", ") + "]\n" }
            if key.requireHeartbeat { toml += "require_heartbeat = true\n" }
        }
        try toml.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
