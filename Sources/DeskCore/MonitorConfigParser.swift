import Foundation
import GeminiClient
import TOMLKit

// Checks the `[[monitor]]` tables. Reads no secret. The same rules as sessions for keys, secrets, URLs and CA files,
// and one more: a monitor's key is never a session's key.
struct MonitorConfigParser {
    static let allowedKeys = [
        "name", "api_key", "secret_env", "secret_file", "secret_command", "environment", "url", "nonce_unit", "ca_file",
        "ca_system_roots",
    ]

    let reader: ConfigTableReader
    let locator: TOMLLineLocator
    let resolvePath: (String) -> String

    /// Every `[[monitor]]`, in file order; none when there is no `monitor` key.
    func monitors(sessions: [SessionConfig]) throws(ConfigError) -> [MonitorConfig] {
        guard let value = reader.table["monitor"] else { return [] }
        guard let array = value.array, array.allSatisfy({ $0.type == .table }) else {
            throw reader.wrongType("monitor", expected: "[[monitor]] tables (an array of tables)", found: value)
        }
        var monitors: [MonitorConfig] = []
        for (index, element) in array.enumerated() {
            guard let table = element.table else { continue }
            let monitor = try parse(table, index: index, sessions: sessions)
            if monitors.contains(where: { $0.name == monitor.name }) {
                throw ConfigError(kind: .duplicateSession, path: reader.path, line: locator.line(ofKey: "name", inMonitor: index),
                                  section: "monitor \"\(monitor.name)\"", key: "name",
                                  message: "another monitor already has this name; names must be unique")
            }
            monitors.append(monitor)
        }
        return monitors
    }

    private func parse(_ table: TOMLTable, index: Int, sessions: [SessionConfig]) throws(ConfigError) -> MonitorConfig {
        let label = table["name"]?.string.flatMap { $0.isEmpty ? nil : "monitor \"\($0)\"" } ?? "monitor #\(index + 1)"
        let monitorReader = ConfigTableReader(table: table, path: reader.path, section: label, keyPrefix: "") { key in
            locator.line(ofKey: key, inMonitor: index)
        }
        try monitorReader.rejectUnknownKeys(allowed: Self.allowedKeys)
        // The session rules for everything the two share; a monitor has no accounts or heartbeat of its own.
        let shared = SessionConfigParser(table: table, index: index, path: reader.path, locator: locator, resolvePath: resolvePath)
        let common: SessionConfig
        do {
            common = try shared.parse()
        } catch {
            // The session parser labels by session; the key and line are the monitor's own.
            var relabelled = error
            relabelled.section = label
            relabelled.line = locator.line(ofKey: error.key ?? "", inMonitor: index)
            throw relabelled
        }
        if let session = sessions.first(where: { $0.apiKey == common.apiKey }) {
            throw monitorReader.error(.invalidValue, key: "api_key",
                                      "is the key of session \"\(session.name)\": a monitor needs its own read-only key (Auditor role), "
                                        + "since any authenticated call with a session's key would keep its Require-Heartbeat timer alive")
        }
        return MonitorConfig(name: common.name, apiKey: common.apiKey, secret: common.secret, environment: common.environment,
                             url: common.url, nonceUnit: common.nonceUnit, caFile: common.caFile,
                             caSystemRoots: common.caSystemRoots)
    }
}
