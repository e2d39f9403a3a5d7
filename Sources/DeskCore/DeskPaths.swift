import Foundation

/// Where gdesk keeps its files, following the XDG base directory rules.
///
/// Built from an environment dictionary and the command-line overrides, so tests can inject both.
/// Relative paths and `~/` in overrides are made absolute; relative `XDG_*` values are ignored, as the XDG spec says.
public struct DeskPaths: Sendable, Equatable {
    /// `--config PATH`, else `$GDESK_CONFIG`, else `$XDG_CONFIG_HOME/gdesk/config.toml`.
    public var configFile: String
    /// The directory holding `configFile`; user themes live in its `themes` subdirectory.
    public var configDirectory: String
    /// `$XDG_STATE_HOME/gdesk` (default `~/.local/state/gdesk`).
    public var stateDirectory: String
    /// `--history PATH`, else `<state>/history.sqlite3`.
    public var historyFile: String
    /// `<state>/gdesk.log`.
    public var logFile: String
    /// `<state>/nonces`.
    public var nonceDirectory: String
    /// `<config dir>/themes`.
    public var themesDirectory: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                configOverride: String? = nil, historyOverride: String? = nil,
                currentDirectory: String = FileManager.default.currentDirectoryPath) {
        let home = Self.nonEmpty(environment["HOME"]) ?? NSHomeDirectory()
        func absolute(_ path: String) -> String {
            Self.absolutePath(path, home: home, currentDirectory: currentDirectory)
        }
        func xdg(_ name: String, default fallback: String) -> String {
            if let value = Self.nonEmpty(environment[name]), value.hasPrefix("/") { return value }
            return Self.join(home, fallback)
        }

        let configHome = xdg("XDG_CONFIG_HOME", default: ".config")
        let stateHome = xdg("XDG_STATE_HOME", default: ".local/state")

        if let explicit = Self.nonEmpty(configOverride) ?? Self.nonEmpty(environment["GDESK_CONFIG"]) {
            configFile = absolute(explicit)
        } else {
            configFile = Self.join(configHome, "gdesk/config.toml")
        }
        configDirectory = (configFile as NSString).deletingLastPathComponent
        themesDirectory = Self.join(configDirectory, "themes")

        stateDirectory = Self.join(stateHome, "gdesk")
        historyFile = Self.nonEmpty(historyOverride).map(absolute) ?? Self.join(stateDirectory, "history.sqlite3")
        logFile = Self.join(stateDirectory, "gdesk.log")
        nonceDirectory = Self.join(stateDirectory, "nonces")
    }

    /// Creates `directory` and its missing parents with mode 0700 (existing ones keep their mode).
    ///
    /// An existing directory of ours that group or others can enter is tightened to 0700; one that belongs to another
    /// user (not root), or is a symbolic link to one, is refused: its owner could read or replace what gdesk keeps there.
    public static func createPrivateDirectory(_ directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        var info = stat()
        guard stat(directory, &info) == 0 else { return }
        if info.st_uid != geteuid() && info.st_uid != 0 {
            throw UnsafeDirectory(path: directory, message: "belongs to uid \(info.st_uid), not to you (uid \(geteuid())): "
                                  + "another user could read or replace gdesk's state there; run chown -R \(geteuid()) "
                                  + "\(FileTrust.shellQuoted(directory)) (as root) or choose another state directory")
        }
        if info.st_uid == geteuid() && info.st_mode & 0o077 != 0 { _ = chmod(directory, 0o700) }
    }

    /// Makes a file of ours that group or others can read or write 0600 (the history, the log). Nothing if it is not ours.
    public static func tightenPrivateFile(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(), info.st_mode & 0o077 != 0 else { return }
        _ = chmod(path, 0o600)
    }

    /// A state directory gdesk will not use.
    public struct UnsafeDirectory: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path) \(message)" }
    }

    // `path` with a leading `~/` expanded and made absolute against `currentDirectory`.
    static func absolutePath(_ path: String, home: String, currentDirectory: String) -> String {
        let expanded: String
        if path == "~" {
            expanded = home
        } else if path.hasPrefix("~/") {
            expanded = join(home, String(path.dropFirst(2)))
        } else {
            expanded = path
        }
        return expanded.hasPrefix("/") ? expanded : join(currentDirectory, expanded)
    }

    private static func join(_ base: String, _ tail: String) -> String {
        base.hasSuffix("/") ? base + tail : base + "/" + tail
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
