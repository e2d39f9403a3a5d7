import Foundation

/// The one reading of "since" for the history, shared by `gdesk history --since` and the front end's `since:` filter,
/// so both select the same rows.
///
/// - An age back from now: a number (decimals allowed) and a unit, `s`, `m`, `h` or `d`: `45s`, `30m`, `1.5h`, `2d`.
/// - A date, `2026-11-20`: the start of that day in the operator's zone (the zone both show times in, the machine's
///   local time), not UTC.
/// - A date and time, `2026-11-20T14:00` or `2026-11-20T14:00:30`: that wall-clock time in the operator's zone; with
///   `Z` or an offset (`2026-11-20T14:00:00Z`, `2026-11-20T14:00+01:00`) that instant.
public enum HistorySince {
    /// The accepted forms, for help texts and error messages.
    public static let forms = "an age (45s, 30m, 4h, 2d), a date (2026-11-20, from midnight local time) or a date and time (2026-11-20T14:00, local time, or 2026-11-20T14:00:00Z)"

    /// The instant `text` names, read at `now` in `zone` (the operator's, `.local`, outside tests); nil when `text` is
    /// none of the forms, or names no real day or time.
    public static func date(from text: String, now: Date, zone: ClockZone) -> Date? {
        if let seconds = age(text) { return now.addingTimeInterval(-seconds) }
        let (day, time) = text.firstIndex(of: "T").map { (text[..<$0], Optional(text[text.index(after: $0)...])) } ?? (text[...], nil)
        guard let (year, month, date) = Self.day(day) else { return nil }
        guard let time else { return zone.startOfDay(year: year, month: month, day: date) }
        guard let clock = Self.clock(time) else { return nil }
        if let offset = clock.offsetSeconds {
            let midnight = ClockZone.utc.startOfDay(year: year, month: month, day: date)
            return midnight?.addingTimeInterval(clock.secondsIntoDay - TimeInterval(offset))
        }
        return zone.instant(year: year, month: month, day: date, hour: clock.hour, minute: clock.minute,
                            second: clock.second)?.addingTimeInterval(clock.fraction)
    }

    /// Seconds back from now for `45s`, `30m`, `1.5h`, `2d`; nil otherwise. Only digits and one point: no signs,
    /// exponents, `inf` or `nan`.
    private static func age(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let scale: TimeInterval = switch unit {
        case "s": 1
        case "m": 60
        case "h": 3600
        case "d": 86400
        default: nil
        } else { return nil }
        let number = text.dropLast()
        guard !number.isEmpty, number.first != ".", number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              number.filter({ $0 == "." }).count <= 1, let amount = Double(number) else { return nil }
        return amount * scale
    }

    /// `YYYY-MM-DD` as numbers.
    private static func day(_ text: Substring) -> (Int, Int, Int)? {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 4, fields[1].count == 2, fields[2].count == 2,
              let year = digits(fields[0]), let month = digits(fields[1]), let day = digits(fields[2]) else { return nil }
        return (year, month, day)
    }

    /// A wall-clock time, `HH:MM[:SS[.fff]]`, and the offset from UTC after it (`Z`, `+HH:MM`, `-HH:MM`), if any.
    private struct Clock {
        var hour: Int
        var minute: Int
        var second: Int
        var fraction: TimeInterval
        var offsetSeconds: Int?

        var secondsIntoDay: TimeInterval { TimeInterval(hour * 3600 + minute * 60 + second) + fraction }
    }

    private static func clock(_ text: Substring) -> Clock? {
        var rest = text
        var offset: Int?
        if rest.hasSuffix("Z") {
            offset = 0
            rest = rest.dropLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let parts = rest[rest.index(after: sign)...].split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hours = digits(parts[0]),
                  let minutes = digits(parts[1]), hours <= 14, minutes < 60 else { return nil }
            offset = (hours * 3600 + minutes * 60) * (rest[sign] == "-" ? -1 : 1)
            rest = rest[..<sign]
        }
        var fraction: TimeInterval = 0
        if let point = rest.firstIndex(of: ".") {
            let decimals = rest[rest.index(after: point)...]
            guard (1...9).contains(decimals.count), digits(decimals) != nil, let value = Double("0." + decimals) else { return nil }
            fraction = value
            rest = rest[..<point]
        }
        let fields = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), fields.allSatisfy({ $0.count == 2 }),
              let hour = digits(fields[0]), let minute = digits(fields[1]),
              let second = fields.count == 3 ? digits(fields[2]) : 0,
              hour < 24, minute < 60, second < 60, fields.count == 3 || fraction == 0 else { return nil }
        return Clock(hour: hour, minute: minute, second: second, fraction: fraction, offsetSeconds: offset)
    }

    /// ASCII digits only, as a number.
    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}
