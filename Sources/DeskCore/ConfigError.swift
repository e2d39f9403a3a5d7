import GeminiClient

/// Why a config file could not be used. Its `description` names the file, the line and the key, and never a secret.
///
/// `/etc/gdesk/config.toml:7: session "mm-bot-1": secret_envv: unknown key (did you mean secret_env?)`
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// No file at the path: the front end offers its first-run screen.
        case fileNotFound
        /// The file exists but could not be read (a directory, permissions, not UTF-8).
        case unreadable
        /// Another user could change the file (owned by someone else, or writable by group or others).
        case untrusted
        /// Not valid TOML.
        case syntax
        /// A key gdesk does not know, usually a typo.
        case unknownKey
        /// A value of the wrong TOML type.
        case wrongType
        /// A required key is absent.
        case missingKey
        /// Two sessions share a name.
        case duplicateSession
        /// A session has no secret source, or more than one.
        case secretSource
        /// A value of the right type that gdesk cannot use (unknown environment, insecure URL, bad name, …).
        case invalidValue
    }

    public var kind: Kind
    /// The config file.
    public var path: String
    /// 1-based line of the problem; nil only for `fileNotFound`, `unreadable` and `untrusted`.
    public var line: Int?
    /// 1-based column, known for syntax errors only.
    public var column: Int?
    /// Where in the file: `session "mm-bot-1"`, or `session #2` before the name is known; nil at the top level.
    public var section: String?
    /// The key at fault (`secret_env`, `keys.cancel`); nil when no single key is.
    public var key: String?
    /// What is wrong and, where possible, how to fix it.
    public var message: String

    /// Key, section and message are kept to one printable line each: they may quote the file, which can hold anything.
    public init(kind: Kind, path: String, line: Int?, column: Int? = nil, section: String? = nil, key: String? = nil,
                message: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.column = column
        self.section = section?.printableLine(limit: 80)
        self.key = key?.printableLine(limit: 80)
        self.message = message.printableLine(limit: 400)
    }

    /// `EX_CONFIG` from sysexits.h.
    public var exitCode: Int32 { 78 }

    public var description: String {
        var location = path
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        let parts = [location, section, key, message].compactMap { $0 }
        return parts.joined(separator: ": ")
    }
}
