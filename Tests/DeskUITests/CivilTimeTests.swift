@testable import DeskUI
import Foundation
import Testing

// Times on screen are worked out from the zone's offset; they must agree with what a Gregorian calendar says.
@Suite struct CivilTimeTests {
    static let zones = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns"]

    @Test(arguments: zones)
    func agreesWithTheCalendar(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        // Before 1970, leap days, DST changes, year ends: every 2 d 7 h 13 min 17 s over 60 years.
        var date = Date(timeIntervalSince1970: -315_619_200)
        while date.timeIntervalSince1970 < 1_577_836_800 {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let expected = String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
            #expect(DisplayText.fullTime(date, timeZone: timeZone) == expected)
            date += 2 * 86_400 + 7 * 3600 + 13 * 60 + 17
        }
    }

    @Test func shortTimeIsTheClockTodayAndTheDateBefore() {
        let utc = TimeZone(identifier: "UTC")!
        let now = Date(timeIntervalSince1970: 1_714_566_600)  // 2024-05-01 12:30:00 UTC
        #expect(DisplayText.shortTime(now.addingTimeInterval(-3600), now: now, timeZone: utc) == "11:30:00")
        #expect(DisplayText.shortTime(now.addingTimeInterval(-50_000), now: now, timeZone: utc) == "Apr 30")
        #expect(DisplayText.clock(Date(timeIntervalSince1970: 59.9), timeZone: utc) == "00:00:59")
        // The same moment is a different day east of UTC.
        let tokyo = TimeZone(identifier: "Asia/Tokyo")!
        #expect(DisplayText.shortTime(now.addingTimeInterval(-50_000), now: now, timeZone: tokyo) == "07:36:40")
    }
}
