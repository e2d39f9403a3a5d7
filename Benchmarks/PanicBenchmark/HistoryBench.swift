import DeskCore
import Foundation

/// Creates (or migrates) a history database with the product's own schema, for seeding with bulk SQL.
func initHistory(path: String) throws {
    _ = try HistoryStore(path: path)
}

/// History reads in one process, the way the front end asks for them: the first page of one target's history
/// (200 rows, newest first), then every following page by keyset (`beforeID`) to the end; also the first page
/// of all targets and the newest row of every target (`lastResults`, read at start-up). Medians of `runs`.
func benchHistory(path: String, session: String, runs: Int) async throws {
    let openStart = ContinuousClock.now
    let store = try HistoryStore(path: path)
    let openTime = ContinuousClock.now - openStart
    let pageSize = 200

    func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
        let start = ContinuousClock.now
        let value = try await body()
        return (value, ContinuousClock.now - start)
    }
    var firstPage: [Duration] = [], allFirstPage: [Duration] = [], lastResults: [Duration] = []
    var toEnd: [Duration] = [], slowestPage: [Duration] = []
    var rows = 0, pages = 0, targets = 0
    for _ in 0..<runs {
        let (first, t1) = try await timed { try await store.entries(HistoryFilter(session: session, limit: pageSize)) }
        firstPage.append(t1)
        allFirstPage.append(try await timed { try await store.entries(HistoryFilter(limit: pageSize)) }.1)
        let (last, t3) = try await timed { try await store.lastResults() }
        lastResults.append(t3)
        targets = last.count
        // Every page after the first, as scrolling to the end fetches them.
        var page = first
        var count = first.count, pageCount = 1
        var slowest = Duration.zero
        let start = ContinuousClock.now
        while page.count == pageSize, let lastID = page.last?.id {
            let (next, t) = try await timed {
                try await store.entries(HistoryFilter(session: session, beforeID: lastID, limit: pageSize))
            }
            slowest = max(slowest, t)
            page = next
            count += next.count
            pageCount += 1
        }
        toEnd.append(ContinuousClock.now - start + t1)
        slowestPage.append(max(slowest, t1))
        rows = count
        pages = pageCount
    }
    func median(_ values: [Duration]) -> Double {
        let d = values.sorted()[values.count / 2]
        return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }
    let result: [String: Any] = [
        "open_ms": median([openTime]),
        "first_page_ms": median(firstPage),
        "all_targets_first_page_ms": median(allFirstPage),
        "last_results_ms": median(lastResults),
        "to_end_ms": median(toEnd),
        "slowest_page_ms": median(slowestPage),
        "rows": rows, "pages": pages, "targets": targets, "runs": runs,
    ]
    let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}
