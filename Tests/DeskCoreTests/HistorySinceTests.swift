import DeskCore
import Foundation
import Testing

/// The one `since` syntax of the CLI and the front end.
@Suite struct HistorySinceTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000.25)

    func since(_ text: String, zone: ClockZone = .utc) -> Date? {
        HistorySince.date(from: text, now: Self.now, zone: zone)
    }

    @Test(arguments: [("45s", 45.0), ("30m", 1800), ("4h", 14_400), ("2d", 172_800), ("1.5h", 5400), ("0s", 0),
                      ("0.5d", 43_200), ("90m", 5400)])
    func anAgeCountsBackFromNowInEveryUnit(text: String, seconds: Double) {
        #expect(since(text) == Self.now.addingTimeInterval(-seconds))
        #expect(since(text, zone: .local) == since(text), "an age is the same in every zone")
    }

    @Test func aDateIsMidnightInTheZoneGiven() throws {
        #expect(since("2026-11-20") == Date(timeIntervalSince1970: 1_795_132_800))
        let local = try #require(since("2026-11-20", zone: .local))
        let civil = ClockZone.local.civil(local)
        #expect([civil.year, civil.month, civil.day, civil.hour, civil.minute, civil.second] as [Int] == [2026, 11, 20, 0, 0, 0])
        #expect(local == ClockZone.local.startOfDay(year: 2026, month: 11, day: 20))
    }

    @Test func aDateAndTimeIsThatClockReadingInTheZoneGivenOrThatInstantWithAnOffset() throws {
        let midnight = 1_795_132_800.0
        #expect(since("2026-11-20T14:00") == Date(timeIntervalSince1970: midnight + 14 * 3600))
        #expect(since("2026-11-20T14:00:30") == Date(timeIntervalSince1970: midnight + 14 * 3600 + 30))
        #expect(since("2026-11-20T14:00:30.5") == Date(timeIntervalSince1970: midnight + 14 * 3600 + 30.5))
        // With Z or an offset the zone given does not matter.
        for zone in [ClockZone.utc, .local] {
            #expect(since("2026-11-20T14:00:00Z", zone: zone) == Date(timeIntervalSince1970: midnight + 14 * 3600))
            #expect(since("2026-11-20T14:00+01:00", zone: zone) == Date(timeIntervalSince1970: midnight + 13 * 3600))
            #expect(since("2026-11-20T01:30:00-05:30", zone: zone) == Date(timeIntervalSince1970: midnight + 7 * 3600))
        }
        let local = try #require(since("2026-11-20T14:05:09", zone: .local))
        let civil = ClockZone.local.civil(local)
        #expect([civil.day, civil.hour, civil.minute, civil.second] as [Int] == [20, 14, 5, 9])
    }

    @Test(arguments: ["", "yesterday", "2h ago", "-2h", "+2h", "1e3m", "infm", "nanh", "2", "h", ".5h", "1..5h", "2H",
                      "2w", "١٢h", "2026-11-31", "2026-02-29", "2026-13-01", "26-11-20", "2026-11-20T", "2026-11-20T24:00",
                      "2026-11-20T14:60", "2026-11-20T14:00:60", "2026-11-20T14", "2026-11-20T14:00.5", "2026-11-20T14:00Q",
                      "2026-11-20T14:00+1", "2026-11-20T14:00+15:00", "2026-11-20 14:00", "2026/11/20"])
    func anythingElseIsRefused(text: String) {
        #expect(since(text) == nil)
        #expect(since(text, zone: .local) == nil)
    }
}
