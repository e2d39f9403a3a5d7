import Foundation
import Testing
@testable import DeskCore

@Suite struct ClockZoneTests {
    // 2024-05-01 12:30:00.123 UTC.
    let instant = Date(timeIntervalSince1970: 1_714_566_600.123)

    @Test func readsUTCToTheMillisecond() {
        let time = ClockZone.utc.civil(instant)
        #expect(time == CivilTime(year: 2024, month: 5, day: 1, hour: 12, minute: 30, second: 0, millisecond: 123,
                                  utcOffsetSeconds: 0, zoneAbbreviation: "UTC"))
        #expect(time.clock == "12:30:00")
        #expect(time.date == "2024-05-01")
        #expect(time.dateAndClock == "2024-05-01 12:30:00")
        #expect(time.iso8601 == "2024-05-01T12:30:00.123Z")
        #expect(time.monthAbbreviation == "May")
    }

    @Test func readsInstantsBeforeTheEpoch() {
        let time = ClockZone.utc.civil(Date(timeIntervalSince1970: -1.5))
        #expect(time.dateAndClock == "1969-12-31 23:59:58")
        #expect(time.millisecond == 500)
    }

    @Test func writesTheOffsetOutsideUTC() {
        var time = CivilTime(year: 2024, month: 1, day: 2, hour: 3, minute: 4, second: 5, millisecond: 6)
        time.utcOffsetSeconds = -5 * 3600
        #expect(time.iso8601 == "2024-01-02T03:04:05.006-05:00")
        time.utcOffsetSeconds = 5 * 3600 + 1800
        #expect(time.iso8601 == "2024-01-02T03:04:05.006+05:30")
    }

    // Local time comes from the C library; Foundation's calendar reads the same system zone, so it is the oracle.
    @Test(arguments: [0.0, 1_700_000_000, 1_711_846_800, 1_714_566_600.999, 1_730_595_600, -34_560_000] as [Double])
    func localTimeAgreesWithFoundation(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let expected = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let time = ClockZone.local.civil(date)
        #expect([time.year, time.month, time.day, time.hour, time.minute, time.second]
                == [expected.year, expected.month, expected.day, expected.hour, expected.minute, expected.second])
        #expect(time.utcOffsetSeconds == TimeZone.current.secondsFromGMT(for: date))
    }

    @Test func findsTheStartOfADay() throws {
        let leap = try #require(ClockZone.utc.startOfDay(year: 2024, month: 2, day: 29))
        #expect(leap.timeIntervalSince1970 == 1_709_164_800)
        let local = try #require(ClockZone.local.startOfDay(year: 2024, month: 3, day: 31))
        #expect(ClockZone.local.civil(local).dateAndClock == "2024-03-31 00:00:00")
    }

    @Test func refusesDaysThatDoNotExist() {
        #expect(ClockZone.utc.startOfDay(year: 2023, month: 2, day: 29) == nil)
        #expect(ClockZone.utc.startOfDay(year: 2024, month: 4, day: 31) == nil)
        #expect(ClockZone.utc.startOfDay(year: 2024, month: 13, day: 1) == nil)
        #expect(ClockZone.local.startOfDay(year: 2024, month: 0, day: 10) == nil)
    }
}
