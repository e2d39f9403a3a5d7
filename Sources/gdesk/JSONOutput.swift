import Foundation

/// JSON for scripts: sorted keys, IDs as exact integers.
enum JSONOutput {
    /// `value` as indented JSON with its keys sorted.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
