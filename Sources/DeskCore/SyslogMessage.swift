import Foundation

/// One RFC 5424 syslog message with one structured-data element, rendered within a size bound.
///
/// `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD-ID name="value" …] MSG`. Header fields keep only printable
/// ASCII (anything else becomes `_`); parameter values are UTF-8 with `"`, `\` and `]` escaped by a backslash as
/// RFC 5424 §6.3.3 says, and control characters replaced by spaces. When the message would exceed `limit` bytes the
/// text is cut first, then the longest parameter values are halved in turn (a cut value ends in `..`): the
/// structured data, which log pipelines index, outlives the prose.
public struct SyslogMessage: Sendable, Equatable {
    /// RFC 5424 severities gdesk uses.
    public enum Severity: Int, Sendable {
        case error = 3, warning = 4, notice = 5, informational = 6
    }

    /// RFC 5424 §6.1: every receiver must take 480 bytes and should take 2048.
    public static let defaultLimit = 2048
    /// `user`: the facility of ordinary programs.
    public static let userFacility = 1

    public var facility = SyslogMessage.userFacility
    public var severity: Severity
    public var time: Date
    public var hostname: String
    public var appName: String
    public var processID: Int32
    public var messageID: String
    /// The SD-ID, `name@PEN` for an element of one's own (RFC 5424 §7.2.2).
    public var structuredDataID: String
    /// Parameter names and values, in this order.
    public var parameters: [(name: String, value: String)]
    public var text: String

    public init(severity: Severity, time: Date = Date(), hostname: String, appName: String = "gdesk",
                processID: Int32 = getpid(), messageID: String, structuredDataID: String,
                parameters: [(name: String, value: String)], text: String) {
        self.severity = severity
        self.time = time
        self.hostname = hostname
        self.appName = appName
        self.processID = processID
        self.messageID = messageID
        self.structuredDataID = structuredDataID
        self.parameters = parameters
        self.text = text
    }

    public static func == (a: SyslogMessage, b: SyslogMessage) -> Bool { a.rendered() == b.rendered() }

    /// The message as sent: at most `limit` bytes of UTF-8 (never cut inside a character).
    public func rendered(limit: Int = SyslogMessage.defaultLimit) -> String {
        let header = "<\(facility * 8 + severity.rawValue)>1 \(Self.timestamp(time)) \(Self.headerField(hostname, max: 255)) "
            + "\(Self.headerField(appName, max: 48)) \(processID) \(Self.headerField(messageID, max: 32)) "
        var values = parameters.map { Self.clean($0.value) }
        let names = parameters.map { Self.sdName($0.name) }
        func element() -> String {
            "[" + Self.sdName(structuredDataID) + zip(names, values).map { " \($0)=\"\(Self.escape($1))\"" }.joined() + "]"
        }
        var structured = element()
        while header.utf8.count + structured.utf8.count > limit,
              let longest = values.indices.max(by: { values[$0].utf8.count < values[$1].utf8.count }),
              values[longest].utf8.count > 2 {
            values[longest] = Self.prefix(values[longest], bytes: values[longest].utf8.count / 2 - 2) + ".."
            structured = element()
        }
        let room = limit - header.utf8.count - structured.utf8.count - 1
        let message = Self.clean(text)
        guard room > 0, !message.isEmpty else { return Self.prefix(header + structured, bytes: limit) }
        let body = message.utf8.count <= room ? message : Self.prefix(message, bytes: max(0, room - 2)) + ".."
        return header + structured + " " + body
    }

    // MARK: - Pieces

    /// `2026-12-08T00:40:00.123Z`.
    static func timestamp(_ date: Date) -> String {
        ClockZone.utc.civil(date).iso8601
    }

    /// Printable US-ASCII (33…126) only, at most `max` characters; "-" (the nil value) when empty.
    static func headerField(_ text: String, max: Int) -> String {
        let printable = String(String.UnicodeScalarView(text.unicodeScalars.prefix(max).map {
            (33...126).contains($0.value) ? $0 : "_"
        }))
        return printable.isEmpty ? "-" : printable
    }

    /// An SD-NAME: printable US-ASCII except `=`, space, `]` and `"`; at most 32 characters.
    static func sdName(_ name: String) -> String {
        let kept = name.unicodeScalars.filter { (33...126).contains($0.value) && !"= ]\"".unicodeScalars.contains($0) }
        return String(String.UnicodeScalarView(kept.prefix(32)))
    }

    /// RFC 5424 §6.3.3: `"`, `\` and `]` inside a PARAM-VALUE are escaped with a backslash.
    static func escape(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            if character == "\"" || character == "\\" || character == "]" { escaped.unicodeScalars.append("\\") }
            escaped.unicodeScalars.append(character)
        }
        return escaped
    }

    // Control characters (a newline would end the record for many readers) become spaces.
    static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.value < 32 || $0.value == 127 || (0x80..<0xA0).contains($0.value) ? " " : $0
        }))
    }

    // The longest prefix of `text` of at most `bytes` UTF-8 bytes that ends on a character boundary.
    static func prefix(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var result = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let size = String(scalar).utf8.count
            guard used + size <= bytes else { break }
            result.unicodeScalars.append(scalar)
            used += size
        }
        return result
    }
}
