import Foundation
import Logging

/// A swift-log handler writing one line per message to a `LogFile`:
/// `2025-01-02T03:04:05.678Z INFO [gdesk.cancel] message key=value key2="two words"`.
///
/// Newlines and other control characters in messages and values are escaped, so every entry stays one line.
/// Nothing secret is ever passed to a logger by design: secrets live in `APISecret`, which prints as `<secret>`,
/// and log calls name keys by their masked form. Do not log command strings or raw request bodies.
public struct FileLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    public let label: String
    private let file: LogFile

    public init(label: String, file: LogFile, level: Logger.Level = .info,
                metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.file = file
        self.logLevel = level
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        file.append(Self.format(date: Date(), level: event.level, label: label, message: event.message.description,
                                metadata: merged, error: event.error))
    }

    static func format(date: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata,
                       error: (any Error)? = nil) -> String {
        var line = ClockZone.utc.civil(date).iso8601
        line += " \(level.rawValue.uppercased()) [\(escaped(label))] \(escaped(message))"
        for key in metadata.keys.sorted() {
            line += " \(escaped(key))=\(quoted(metadata[key].map(String.init(describing:)) ?? ""))"
        }
        if let error {
            line += " error=\(quoted(String(describing: error)))"
        }
        return line
    }

    // Control characters as `\n`, `\t`, `\u{1b}`.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.properties.generalCategory == .control {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    // Bare when it is one plain word, else in double quotes with `"` and `\` escaped.
    private static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && !value.contains { $0.isWhitespace || $0 == "\"" || $0 == "=" || $0 == "\\" }
        guard !plain else { return escaped(value) }
        let slashed = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + escaped(slashed) + "\""
    }
}
