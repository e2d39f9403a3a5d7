@testable import DeskUI
import DeskCore
import Foundation
import TestSupport
import Testing

/// `gdesk history --since T` (the real binary) and the front end's `since:T` filter select the same rows of one history,
/// for every form of T, around the local and the UTC midnight of one day.
@Suite struct HistorySinceAgreementTests {
    @Test func theCLIAndTheFrontEndSelectTheSameRows() async throws {
        let directory = try TemporaryDirectory(prefix: "gdesk-since")
        defer { directory.remove() }
        let path = directory.path + "/history.sqlite3"
        let store = try HistoryStore(path: path)

        // A day three days back: every age below is hours away from its midnights and times of day.
        let now = Date()
        let day = ClockZone.local.civil(now.addingTimeInterval(-3 * 86400))
        let date = String(format: "%04d-%02d-%02d", day.year, day.month, day.day)
        let localMidnight = try #require(ClockZone.local.startOfDay(year: day.year, month: day.month, day: day.day))
        let utcMidnight = try #require(ClockZone.utc.startOfDay(year: day.year, month: day.month, day: day.day))
        let localTwoPM = try #require(ClockZone.local.instant(year: day.year, month: day.month, day: day.day, hour: 14, minute: 0, second: 0))
        var times = [20, 600, 5400, 26 * 3600, 108 * 3600, 130 * 3600].map { now.addingTimeInterval(-TimeInterval($0)) }
        for boundary in [localMidnight, utcMidnight, localTwoPM] {
            times += [boundary.addingTimeInterval(-60), boundary.addingTimeInterval(60)]
        }
        let identity = OperatorIdentity(user: "tester", host: "desk", sshClient: nil)
        let ids = try await store.recordIntents(times.map {
            CancelRecord.intent(target: TargetID(session: "alpha"), endpoint: .session, environment: .production,
                                operatorIdentity: identity, time: $0)
        })
        let rows = Array(zip(times, ids))

        var environment = ["HOME": directory.path]
        if let zone = ProcessInfo.processInfo.environment["TZ"] { environment["TZ"] = zone }
        // Ages are a minute or more from every row, so a slow start of the binary moves no row across.
        let expressions = ["90s", "15m", "2h", "1d", "1.5d", "5d", date, date + "T14:00", date + "T00:00:00Z", date + "T14:00+01:00"]
        for text in expressions {
            let run = try await GDeskBinary.run(["--history", path, "history", "--json", "--limit", "100", "--since", text],
                                                environment: environment, in: directory.path)
            #expect(run.status == 0, "--since \(text): \(run.stderr)")
            let cli = Set(try JSONDecoder().decode([HistoryJSON].self, from: Data(run.stdout.utf8)).map(\.id))

            let filter = try HistoryQuery.apply("since:" + text, to: HistoryFilter(limit: 100), now: Date(), timeZone: .local).get()
            let screen = Set(try await store.entries(filter).compactMap(\.id))
            #expect(cli == screen, "--since \(text) and since:\(text) disagree")
            #expect(!cli.isEmpty && cli.count < ids.count, "--since \(text) selects some rows, not all: \(cli.count)")
        }

        // A bare date is local midnight, not UTC's: exactly the rows from local midnight on.
        let run = try await GDeskBinary.run(["--history", path, "history", "--json", "--limit", "100", "--since", date],
                                            environment: environment, in: directory.path)
        let selected = Set(try JSONDecoder().decode([HistoryJSON].self, from: Data(run.stdout.utf8)).map(\.id))
        #expect(selected == Set(rows.filter { $0.0 >= localMidnight }.map(\.1)))
    }
}
