import TOMLKit

// Reads typed values out of one table of the config, turning each problem into a `ConfigError` at its line.
struct ConfigTableReader {
    let table: TOMLTable
    let path: String
    // `session "mm-bot-1"` or nil for the top level.
    let section: String?
    // Prepended to key names in errors (`keys.` for the `[keys]` table).
    let keyPrefix: String
    // Line of a key of this table.
    let lineOf: (String) -> Int

    func error(_ kind: ConfigError.Kind, key: String?, _ message: String) -> ConfigError {
        ConfigError(kind: kind, path: path, line: key.map(lineOf) ?? lineOf(""), section: section,
                    key: key.map { keyPrefix + $0 }, message: message)
    }

    // Rejects keys outside `allowed`, the first in file order, suggesting the nearest allowed key.
    func rejectUnknownKeys(allowed: [String]) throws(ConfigError) {
        let unknown = table.keys.filter { !allowed.contains($0) }.sorted { lineOf($0) < lineOf($1) }
        guard let key = unknown.first else { return }
        var message = "unknown key"
        if let suggestion = KeySuggestion.nearest(to: key, among: allowed) {
            message += " (did you mean \(suggestion)?)"
        }
        throw error(.unknownKey, key: key, message)
    }

    func has(_ key: String) -> Bool { table[key] != nil }

    func string(_ key: String) throws(ConfigError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw wrongType(key, expected: "a string", found: value) }
        return text
    }

    func nonEmptyString(_ key: String) throws(ConfigError) -> String? {
        guard let text = try string(key) else { return nil }
        guard !text.isEmpty else { throw error(.invalidValue, key: key, "must not be empty") }
        return text
    }

    func requiredString(_ key: String) throws(ConfigError) -> String {
        guard let text = try nonEmptyString(key) else { throw error(.missingKey, key: key, "required key is missing") }
        return text
    }

    func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw wrongType(key, expected: "true or false", found: value) }
        return flag
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int else { throw wrongType(key, expected: "an integer", found: value) }
        guard range.contains(number) else {
            throw error(.invalidValue, key: key, "\(number) is out of range (\(range.lowerBound)...\(range.upperBound))")
        }
        return number
    }

    func stringArray(_ key: String) throws(ConfigError) -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw wrongType(key, expected: "an array of strings", found: value) }
        var strings: [String] = []
        for element in array {
            guard let text = element.string else {
                throw wrongType(key, expected: "an array of strings", found: element, elementOf: true)
            }
            strings.append(text)
        }
        return strings
    }

    func subtable(_ key: String) throws(ConfigError) -> TOMLTable? {
        guard let value = table[key] else { return nil }
        guard let subtable = value.table else { throw wrongType(key, expected: "a table", found: value) }
        return subtable
    }

    func wrongType(_ key: String, expected: String, found value: TOMLValueConvertible, elementOf: Bool = false) -> ConfigError {
        let found = Self.typeName(value.type)
        return error(.wrongType, key: key, "expected \(expected), found \(elementOf ? "an element that is " : "")\(found)")
    }

    static func typeName(_ type: TOMLType) -> String {
        switch type {
        case .table: "a table"
        case .array: "an array"
        case .string: "a string"
        case .int: "an integer"
        case .double: "a float"
        case .bool: "a boolean"
        case .date: "a date"
        case .time: "a time"
        case .dateTime: "a date-time"
        }
    }
}
