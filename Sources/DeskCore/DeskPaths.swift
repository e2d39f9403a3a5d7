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
    public static func createPrivateDirectory(_ directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
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
