import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The zone times are shown in: the machine's local time (the system time zone database, through `localtime_r`,
/// honouring `TZ`) or UTC.
///
/// Foundation's `Calendar`, `TimeZone` and date formatters go through ICU on Linux, which maps megabytes of ICU data
/// into the process and costs a few microseconds a call; the front end formats a time for every row of every frame,
/// so it uses this instead.
public enum ClockZone: Sendable, Equatable {
    case local
    case utc

    /// The wall-clock reading of `date` in this zone, to the millisecond.
    public func civil(_ date: Date) -> CivilTime {
        // Whole milliseconds first, so 12:30:00.123 stays .123 whatever the binary fraction says.
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        var seconds = time_t(remainder < 0 ? quotient - 1 : quotient)
        var parts = tm()
        switch self {
        case .local: localtime_r(&seconds, &parts)
        case .utc: gmtime_r(&seconds, &parts)
        }
        let abbreviation = self == .utc ? "UTC" : parts.tm_zone.map { String(cString: $0) } ?? ""
        return CivilTime(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday),
                         hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec),
                         millisecond: Int(remainder < 0 ? remainder + 1000 : remainder),
                         utcOffsetSeconds: Int(parts.tm_gmtoff), zoneAbbreviation: abbreviation)
    }

    /// The start of the day `year-month-day` in this zone, or nil when there is no such day (2024-02-30).
    public func startOfDay(year: Int, month: Int, day: Int) -> Date? {
        instant(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
    }

    /// The instant the clocks of this zone read `year-month-day hour:minute:second`, or nil when there is no such day
    /// or time of day. A time a daylight-saving change skips is read as the system does (an hour on).
    public func instant(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (1...9999).contains(year),
              (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        parts.tm_isdst = -1
        let seconds: time_t = switch self {
        case .local: mktime(&parts)
        case .utc: timegm(&parts)
        }
        // mktime and timegm roll an impossible day over into the next month; refuse it instead.
        guard parts.tm_mday == Int32(day), parts.tm_mon == Int32(month - 1) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
