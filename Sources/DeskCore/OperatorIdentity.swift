import Foundation

/// Who is at the keyboard, recorded with every cancel.
public struct OperatorIdentity: Sendable, Equatable, Codable {
    public var user: String
    public var host: String
    /// The SSH client's address when logged in over SSH (from `SSH_CONNECTION` / `SSH_CLIENT`).
    public var sshClient: String?

    public init(user: String, host: String, sshClient: String?) {
        self.user = user
        self.host = host
        self.sshClient = sshClient
    }

    /// The identity of this process, from its environment.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> OperatorIdentity {
        let user = environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
        let host = ProcessInfo.processInfo.hostName
        let ssh = (environment["SSH_CONNECTION"] ?? environment["SSH_CLIENT"])?.split(separator: " ").first.map(String.init)
        return OperatorIdentity(user: user, host: host, sshClient: ssh)
    }

    public var description: String { "\(user)@\(host)" + (sshClient.map { " via \($0)" } ?? "") }
}
