import Foundation
import TOMLKit

/// Reads and checks the gdesk config file. Never reads a secret: sessions only say where theirs is.
public enum ConfigLoader {
    static let allowedTopLevelKeys = [
        "read_only", "theme", "request_timeout_ms", "cancel_deadline_ms", "keys", "session", "audit_syslog", "monitor",
    ]

    /// Loads the config at `path`. A missing file is `ConfigError.Kind.fileNotFound`.
    ///
    /// Relative `secret_file` and `ca_file` paths are taken relative to the config file's directory; `~/` is
    /// expanded with `HOME` from `environment`.
    public static func load(path: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> DeskConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigError(kind: .fileNotFound, path: path, line: nil,
                              message: "no config file (create it, or name one with --config or GDESK_CONFIG)")
        }
        guard !isDirectory.boolValue else {
            throw ConfigError(kind: .unreadable, path: path, line: nil, message: "is a directory, not a config file")
        }
        // Open, check the open file, then read it: the check and the read see the same file.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            throw ConfigError(kind: .unreadable, path: path, line: nil, message: "cannot be read (check its permissions)")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        if let problem = FileTrust.check(descriptor: descriptor, path: path) {
            throw ConfigError(kind: .untrusted, path: path, line: nil, message: problem.message)
        }
        guard let data = try? handle.readToEnd() ?? Data() else {
            throw ConfigError(kind: .unreadable, path: path, line: nil, message: "cannot be read (check its permissions)")
        }
        return try parse(data, path: path, environment: environment)
    }

    /// Checks config text as if it had been read from `path`.
    public static func parse(_ data: Data, path: String,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> DeskConfig {
        let text = try decodeUTF8(data, path: path)
        let root: TOMLTable
        do {
            root = try SafeTOML.table(text)
        } catch let error as TOMLParseError {
            throw syntaxError(error, text: text, path: path)
        } catch let error as SafeTOML.Unreadable {
            throw ConfigError(kind: .syntax, path: path, line: error.line, column: error.column,
                              message: "TOML syntax error: \(error)")
        } catch {
            throw ConfigError(kind: .syntax, path: path, line: 1, message: "not valid TOML")
        }

        let locator = TOMLLineLocator(source: text)
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let directory = (DeskPaths.absolutePath(path, home: home, currentDirectory: FileManager.default.currentDirectoryPath)
            as NSString).deletingLastPathComponent
        let resolvePath = { (file: String) in
            DeskPaths.absolutePath(file, home: home, currentDirectory: directory)
        }

        let reader = ConfigTableReader(table: root, path: path, section: nil, keyPrefix: "") { key in
            locator.line(of: key.isEmpty ? [] : [key])
        }
        try reader.rejectUnknownKeys(allowed: allowedTopLevelKeys)

        var config = DeskConfig(path: path, sessions: [])
        config.readOnly = try reader.bool("read_only") ?? false
        config.theme = try reader.nonEmptyString("theme")
        config.auditSyslog = try reader.bool("audit_syslog") ?? true
        if let milliseconds = try reader.int("request_timeout_ms", in: 1...3_600_000) {
            config.requestTimeout = .milliseconds(milliseconds)
        }
        if let milliseconds = try reader.int("cancel_deadline_ms", in: 1...3_600_000) {
            config.cancelDeadline = .milliseconds(milliseconds)
        }
        config.keys = try keyBindings(reader, locator: locator)
        config.sessions = try sessions(reader, locator: locator, resolvePath: resolvePath)
        config.monitors = try MonitorConfigParser(reader: reader, locator: locator, resolvePath: resolvePath).monitors(sessions: config.sessions)
        return config
    }

    private static func keyBindings(_ reader: ConfigTableReader, locator: TOMLLineLocator) throws(ConfigError) -> [String: String] {
        guard let table = try reader.subtable("keys") else { return [:] }
        let keysReader = ConfigTableReader(table: table, path: reader.path, section: nil, keyPrefix: "keys.") { key in
            locator.line(of: key.isEmpty ? ["keys"] : ["keys", key])
        }
        var bindings: [String: String] = [:]
        for action in table.keys.sorted(by: { keysReader.lineOf($0) < keysReader.lineOf($1) }) {
            bindings[action] = try keysReader.nonEmptyString(action)
        }
        return bindings
    }

    private static func sessions(_ reader: ConfigTableReader, locator: TOMLLineLocator,
                                 resolvePath: @escaping (String) -> String) throws(ConfigError) -> [SessionConfig] {
        guard let value = reader.table["session"] else {
            throw reader.error(.missingKey, key: "session", "no [[session]]: add at least one")
        }
        guard let array = value.array, array.allSatisfy({ $0.type == .table }) else {
            throw reader.wrongType("session", expected: "[[session]] tables (an array of tables)", found: value)
        }
        var sessions: [SessionConfig] = []
        sessions.reserveCapacity(array.count)
        var names = Set<String>()
        for (index, element) in array.enumerated() {
            guard let table = element.table else { continue }
            let parser = SessionConfigParser(table: table, index: index, path: reader.path, locator: locator,
                                             resolvePath: resolvePath)
            let session = try parser.parse()
            guard names.insert(session.name).inserted else {
                throw ConfigError(kind: .duplicateSession, path: reader.path, line: locator.line(ofKey: "name", inSession: index),
                                  section: "session \"\(session.name)\"", key: "name",
                                  message: "another session already has this name; names must be unique")
            }
            sessions.append(session)
        }
        guard !sessions.isEmpty else {
            throw reader.error(.missingKey, key: "session", "no [[session]]: add at least one")
        }
        return sessions
    }

    // UTF-8 or an error at the line of the first bad byte.
    private static func decodeUTF8(_ data: Data, path: String) throws(ConfigError) -> String {
        if let text = String(data: data, encoding: .utf8) { return text }
        var line = 1
        for lineBytes in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if String(data: Data(lineBytes), encoding: .utf8) == nil { break }
            line += 1
        }
        throw ConfigError(kind: .syntax, path: path, line: line, message: "not valid UTF-8")
    }

    // A TOML syntax error with its line, column and (when the line is `key = …`) key. Quoted fragments of the
    // parser's message are dropped unless they are a config key: a fragment could be part of a mistyped secret.
    private static func syntaxError(_ error: TOMLParseError, text: String, path: String) -> ConfigError {
        let line = max(error.source.begin.line, 1)
        let column = error.source.begin.column > 0 ? error.source.begin.column : nil
        return ConfigError(kind: .syntax, path: path, line: line, column: column,
                           key: TOMLLineLocator.keyOnLine(line, of: text),
                           message: "TOML syntax error: " + redactQuoted(error.description))
    }

    static func redactQuoted(_ message: String) -> String {
        let known = Set(allowedTopLevelKeys + SessionConfigParser.allowedKeys + MonitorConfigParser.allowedKeys)
        var result = ""
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "'") {
            result += rest[...open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "'") else {
                rest = rest[afterOpen...]
                break
            }
            let inner = rest[afterOpen..<close]
            let harmless = inner.count <= 1 || known.contains(String(inner)) || (inner.hasPrefix("\\") && inner.count <= 10)
            result += harmless ? inner : "…"
            result += "'"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
