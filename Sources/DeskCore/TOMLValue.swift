import TOMLKit

/// A TOML value in plain Swift, as `SafeTOML.document` reads it: modules above DeskCore read TOML files (themes)
/// through this, without importing TOMLKit.
public enum TOMLValue: Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([TOMLValue])
    case table([String: TOMLValue])
    /// A date, time or date-time, as TOML writes it.
    case dateTime(String)

    public var string: String? { if case .string(let text) = self { text } else { nil } }
    public var int: Int? { if case .int(let number) = self { number } else { nil } }
    public var bool: Bool? { if case .bool(let flag) = self { flag } else { nil } }
    public var table: [String: TOMLValue]? { if case .table(let table) = self { table } else { nil } }
    public var array: [TOMLValue]? { if case .array(let array) = self { array } else { nil } }

    /// The value as TOML writes it: `"red"`, `12`, `true`, `[1, 2]`, `{ fg = "red" }`.
    public var description: String {
        switch self {
        case .string(let text): "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): String(flag)
        case .array(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .table(let table): "{ " + table.keys.sorted().map { "\($0) = \(table[$0]!)" }.joined(separator: ", ") + " }"
        case .dateTime(let text): text
        }
    }

    init(_ value: any TOMLValueConvertible) {
        switch value.type {
        case .string: self = .string(value.string ?? "")
        case .int: self = .int(value.int ?? 0)
        case .double: self = .double(value.double ?? 0)
        case .bool: self = .bool(value.bool ?? false)
        case .array: self = .array((value.array ?? []).map { TOMLValue($0) })
        case .table: self = .table(value.table.map(TOMLValue.dictionary) ?? [:])
        case .date, .time, .dateTime: self = .dateTime(value.debugDescription)
        }
    }

    static func dictionary(_ table: TOMLTable) -> [String: TOMLValue] {
        var result: [String: TOMLValue] = [:]
        for key in table.keys {
            if let value = table[key] { result[key] = TOMLValue(value) }
        }
        return result
    }
}
