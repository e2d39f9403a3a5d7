import Foundation

// A moment as a wall clock in a time zone shows it, worked out from the zone's offset at that moment rather than with
// a `Calendar` (which costs far more to make and ask than a row of the target list is worth, once a frame).
struct CivilTime: Sendable, Equatable {
    // Days since 1970-01-01 in the zone: two moments are on the same local day when these are equal.
    let day: Int
    let hour: Int
    let minute: Int
    let second: Int

    init(_ date: Date, timeZone: TimeZone) {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        let (day, seconds) = Self.floorDivision(local, 86_400)
        self.day = day
        hour = seconds / 3600
        minute = seconds / 60 % 60
        second = seconds % 60
    }

    // The proleptic Gregorian year, month (1–12) and day of the month of `day` (H. Hinnant's civil_from_days).
    var date: (year: Int, month: Int, day: Int) {
        let shifted = day + 719_468
        let era = Self.floorDivision(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth)
    }

    private static func floorDivision(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = ((value % divisor) + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }
}
