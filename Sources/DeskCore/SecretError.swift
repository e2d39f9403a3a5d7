/// Why a session's secret could not be had. Never contains the secret, nor a command's standard output.
public struct SecretError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case environmentVariableUnset
        case empty
        case fileMissing
        case fileNotRegular
        case fileWrongOwner
        case fileTooOpen
        case fileUnreadable
        case malformed
        case commandFailed
        case commandTimedOut
    }

    public var kind: Kind
    public var session: String
    /// `env NAME`, `file PATH` or `command`: never the command text, which may hold a secret.
    public var source: String
    public var message: String

    public init(kind: Kind, session: String, source: SecretSource, message: String) {
        self.kind = kind
        self.session = session
        self.source = source.description
        self.message = message
    }

    public var description: String { "session \"\(session)\": secret from \(source): \(message)" }
}
