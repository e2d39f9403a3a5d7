/// A wall-clock reading in a `ClockZone`, and the fixed forms gdesk writes it in.
public struct CivilTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int
    /// Seconds east of UTC.
    public var utcOffsetSeconds: Int
    /// "UTC", "CET", "EST"; empty when the system gives none.
    public var zoneAbbreviation: String

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int = 0,
                utcOffsetSeconds: Int = 0, zoneAbbreviation: String = "") {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
        self.utcOffsetSeconds = utcOffsetSeconds
        self.zoneAbbreviation = zoneAbbreviation
    }

    /// "12:03:04".
    public var clock: String { Self.pad(hour, 2) + ":" + Self.pad(minute, 2) + ":" + Self.pad(second, 2) }

    /// "2024-05-01".
    public var date: String { Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) }

    /// "2024-05-01 12:03:04".
    public var dateAndClock: String { date + " " + clock }

    /// "2024-05-01T12:03:04.567Z", or with the offset ("+01:00") outside UTC: RFC 3339 with milliseconds.
    public var iso8601: String {
        var text = date + "T" + clock + "." + Self.pad(millisecond, 3)
        if utcOffsetSeconds == 0 { return text + "Z" }
        let minutes = abs(utcOffsetSeconds) / 60
        text += utcOffsetSeconds < 0 ? "-" : "+"
        return text + Self.pad(minutes / 60, 2) + ":" + Self.pad(minutes % 60, 2)
    }

    /// "Jan" … "Dec".
    public var monthAbbreviation: String {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][max(1, min(12, month)) - 1]
    }

    /// Whether both readings fall on the same calendar day.
    public func isSameDay(as other: CivilTime) -> Bool {
        year == other.year && month == other.month && day == other.day
    }

    /// `value` in decimal, zero-padded on the left to `width` digits.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return value < 0 ? "-" + padded : padded
    }
}
