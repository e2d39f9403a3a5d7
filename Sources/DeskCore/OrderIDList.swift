import Foundation

/// How the history keeps a list of order IDs: a JSON array of decimal strings (`["18446744073709551615"]`).
///
/// SQLite integers are signed 64-bit and JSON numbers above 2^63 would come back as floats, while strings keep every
/// UInt64 exact and still let SQL list them with `json_each` (see `HistorySchema`).
enum OrderIDList {
    /// The IDs as the history keeps them: `["1","22"]`, no spaces (the form `decodeCanonical` reads).
    static func encode(_ ids: [UInt64]) -> String {
        "[" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }

    /// IDs stored in any JSON form of an array of decimal strings; nil for anything else.
    static func decode(_ text: String) -> [UInt64]? {
        if let ids = decodeCanonical(text) { return ids }
        guard let strings = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { return nil }
        let ids = strings.compactMap(UInt64.init)
        return ids.count == strings.count ? ids : nil
    }

    /// The form `encode` writes (`[]`, `["1","22"]`) read without JSONDecoder, which costs more than the rest of a
    /// row; nil for anything else (spaces, escapes, an ID out of range), which then goes the general way.
    static func decodeCanonical(_ text: String) -> [UInt64]? {
        var text = text
        return text.withUTF8 { bytes -> [UInt64]? in
            guard bytes.count >= 2, bytes[0] == UInt8(ascii: "["), bytes[bytes.count - 1] == UInt8(ascii: "]") else { return nil }
            var ids: [UInt64] = []
            var i = 1
            let end = bytes.count - 1
            if i == end { return ids }
            while true {
                guard i < end, bytes[i] == UInt8(ascii: "\"") else { return nil }
                i += 1
                var value: UInt64 = 0
                let start = i
                while i < end, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                    let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[i] - UInt8(ascii: "0")))
                    guard !o1, !o2 else { return nil }
                    value = sum
                    i += 1
                }
                guard i > start, i < end, bytes[i] == UInt8(ascii: "\"") else { return nil }
                ids.append(value)
                i += 1
                if i == end { return ids }
                guard bytes[i] == UInt8(ascii: ",") else { return nil }
                i += 1
            }
        }
    }
}
