/// Where a session's API secret comes from. The config names the source, never the secret.
public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
    /// An environment variable's value.
    case environment(String)
    /// A file's contents (trailing newline dropped); refused if group or others can read it.
    case file(String)
    /// A command's standard output (trailing newline dropped), run with `/bin/sh -c`.
    case command(String)

    public var description: String {
        switch self {
        case .environment(let name): "env \(name)"
        case .file(let path): "file \(path)"
        case .command: "command"
        }
    }
}
