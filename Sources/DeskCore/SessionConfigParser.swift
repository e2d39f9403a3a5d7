import Foundation
import GeminiClient
import TOMLKit

// Checks one `[[session]]` table and builds its `SessionConfig`. Reads no secret: it only records where one is.
struct SessionConfigParser {
    static let allowedKeys = [
        "name", "api_key", "secret_env", "secret_file", "secret_command", "environment", "url", "accounts",
        "require_heartbeat", "nonce_unit", "ca_file", "ca_system_roots", "allow_cancel_all", "account",
    ]
    static let secretKeys = ["secret_env", "secret_file", "secret_command"]

    let table: TOMLTable
    // 0-based position among the sessions.
    let index: Int
    let path: String
    let locator: TOMLLineLocator
    // Makes relative `secret_file` / `ca_file` paths absolute (against the config's directory) and expands `~/`.
    let resolvePath: (String) -> String

    func parse() throws(ConfigError) -> SessionConfig {
        // The name labels every other error of this session, so read it leniently first.
        let label = table["name"]?.string.flatMap { $0.isEmpty ? nil : "session \"\($0)\"" } ?? "session #\(index + 1)"
        let reader = ConfigTableReader(table: table, path: path, section: label, keyPrefix: "") { key in
            locator.line(ofKey: key, inSession: index)
        }
        try reader.rejectUnknownKeys(allowed: Self.allowedKeys)

        let name = try reader.requiredString("name")
        try checkName(name, reader: reader)

        // Gemini's keys start with account- or master-, but older keys (and its SDK conformance suite's) have none:
        // those are account keys, as only master- keys act on subaccounts. Key IDs are letters, digits, '-', '_' and
        // '.'; anything else (a '+', '/' or '=' of base64) is more likely a secret pasted into the wrong key, and is
        // not echoed.
        let apiKey = try reader.requiredString("api_key")
        guard apiKey.unicodeScalars.allSatisfy(Self.isKeyCharacter) else {
            throw reader.error(.invalidValue, key: "api_key",
                               "not an API key ID (letters, digits, '-', '_', '.'; Gemini's start with account- or master-): is it the secret?")
        }

        let secret = try secretSource(reader)

        let environment = try enumValue("environment", reader: reader, default: Environment.sandbox)
        let nonceUnit = try enumValue("nonce_unit", reader: reader, default: NonceUnit.milliseconds)

        let url = try reader.nonEmptyString("url")
        if let url { try checkURL(url, reader: reader) }

        let accounts = try reader.stringArray("accounts")
        if let accounts { try checkAccounts(accounts, isMaster: apiKey.hasPrefix("master-"), reader: reader) }

        let caFile = try reader.nonEmptyString("ca_file").map(resolvePath)
        if let caFile {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: caFile, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw reader.error(.invalidValue, key: "ca_file", "no such file: \(caFile)")
            }
        }

        let caSystemRoots = try reader.bool("ca_system_roots")
        if caSystemRoots != nil && caFile == nil {
            throw reader.error(.invalidValue, key: "ca_system_roots", "applies to ca_file, which this session does not set")
        }
        let account = try reader.nonEmptyString("account")
        if account != nil && apiKey.hasPrefix("master-") {
            throw reader.error(.invalidValue, key: "account", "is for account keys (its account's name in the group); a master key names its subaccounts with accounts")
        }

        return SessionConfig(
            name: name, apiKey: apiKey, secret: secret, environment: environment, url: url, accounts: accounts,
            requireHeartbeat: try reader.bool("require_heartbeat") ?? false, nonceUnit: nonceUnit, caFile: caFile,
            caSystemRoots: caSystemRoots ?? true,
            allowCancelAll: try reader.bool("allow_cancel_all") ?? false, account: account)
    }

    private func checkName(_ name: String, reader: ConfigTableReader) throws(ConfigError) {
        if name.contains("/") {
            throw reader.error(.invalidValue, key: "name", "must not contain \"/\" (targets are written SESSION/ACCOUNT)")
        }
        if name.trimmingCharacters(in: .whitespaces) != name || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw reader.error(.invalidValue, key: "name", "must not contain control characters or start or end with a space")
        }
    }

    // Exactly one of the three secret keys. Error messages name keys only: a command may contain a secret.
    private func secretSource(_ reader: ConfigTableReader) throws(ConfigError) -> SecretSource {
        let present = Self.secretKeys.filter(reader.has).sorted { reader.lineOf($0) < reader.lineOf($1) }
        guard let first = present.first else {
            throw reader.error(.secretSource, key: nil,
                               "no secret source: set exactly one of secret_env, secret_file or secret_command")
        }
        if present.count > 1 {
            throw reader.error(.secretSource, key: present[1],
                               "\(present[0]) is also set: keep exactly one of secret_env, secret_file or secret_command")
        }
        let value = try reader.requiredString(first)
        switch first {
        case "secret_env":
            guard Self.isEnvironmentName(value) else {
                throw reader.error(.invalidValue, key: first,
                                   "not a valid environment variable name: give the variable's name, not the secret")
            }
            return .environment(value)
        case "secret_file":
            return .file(resolvePath(value))
        default:
            return .command(value)
        }
    }

    private func enumValue<Value: RawRepresentable & CaseIterable>(
        _ key: String, reader: ConfigTableReader, default fallback: Value
    ) throws(ConfigError) -> Value where Value.RawValue == String {
        guard let text = try reader.string(key) else { return fallback }
        guard let value = Value(rawValue: text) else {
            let choices = Value.allCases.map(\.rawValue).joined(separator: " | ")
            // Echo short words only: a long value may be something pasted into the wrong key.
            let shown = text.count <= 16 && text.allSatisfy({ $0.isLetter || $0.isNumber }) ? "\"\(text)\"" : "the value"
            throw reader.error(.invalidValue, key: key, "\(shown) is not one of \(choices)")
        }
        return value
    }

    private func checkURL(_ text: String, reader: ConfigTableReader) throws(ConfigError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw reader.error(.invalidValue, key: "url", "not an absolute URL like https://host[:port]")
        }
        guard components.user == nil && components.password == nil else {
            throw reader.error(.invalidValue, key: "url", "must not contain a user name or password")
        }
        switch scheme {
        case "https":
            return
        case "http":
            guard Self.isLoopback(host) else {
                throw reader.error(.invalidValue, key: "url",
                                   "http:// is allowed only for a loopback host (127.0.0.0/8, localhost, ::1); use https:// for \(host)")
            }
        default:
            throw reader.error(.invalidValue, key: "url", "scheme must be https (or http for a loopback host)")
        }
    }

    private func checkAccounts(_ accounts: [String], isMaster: Bool, reader: ConfigTableReader) throws(ConfigError) {
        guard isMaster else {
            throw reader.error(.invalidValue, key: "accounts",
                               "only master keys (master-…) act on subaccounts; remove accounts or use a master key")
        }
        guard !accounts.isEmpty else {
            throw reader.error(.invalidValue, key: "accounts", "is empty: list subaccounts, or omit the key to discover them")
        }
        var seen: Set<String> = []
        for account in accounts {
            guard !account.isEmpty, !account.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw reader.error(.invalidValue, key: "accounts", "account names must be non-empty, without control characters")
            }
            guard seen.insert(account).inserted else {
                throw reader.error(.invalidValue, key: "accounts", "\"\(account)\" is listed twice")
            }
        }
    }

    static func isKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" || c == ".")
    }

    static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    // 127.0.0.0/8, `localhost`, `::1` (with or without brackets).
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        let values = octets.compactMap { $0.allSatisfy(\.isASCII) && !$0.isEmpty && $0.count <= 3 ? Int($0) : nil }
        return values.count == 4 && values.allSatisfy { (0...255).contains($0) } && values[0] == 127
    }
}
