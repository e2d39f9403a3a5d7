import DeskCore
import Foundation

// The text typed after `/` in the history: `desk-a`, `desk-a/sub-1`, `session:desk-a`, `account:sub-1`,
// `since:` and what `gdesk history --since` takes (`HistorySince`: 45s, 30m, 2h, 7d, 2024-05-01, 2024-05-01T14:00), in any
// combination.
enum HistoryQuery {
    static let help = "words: SESSION[/ACCOUNT]  session:NAME  account:NAME  since:45s|30m|2h|7d|YYYY-MM-DD[THH:MM]"

    // `base` narrowed by `text`, or a message saying what could not be read.
    static func apply(_ text: String, to base: HistoryFilter, now: Date, timeZone: ClockZone) -> Result<HistoryFilter, InputProblem> {
        var filter = base
        filter.beforeID = nil
        for word in text.split(separator: " ").map(String.init) {
            let parts = word.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                let value = parts[1]
                switch parts[0].lowercased() {
                case "session", "s": filter.session = value
                case "account", "a": filter.account = value
                case "since":
                    guard let date = HistorySince.date(from: value, now: now, zone: timeZone) else {
                        return .failure(InputProblem(message: "since:\(value) is not 45s, 30m, 2h, 7d, YYYY-MM-DD or YYYY-MM-DDTHH:MM"))
                    }
                    filter.since = date
                default:
                    return .failure(InputProblem(message: "unknown field \"\(parts[0])\"; \(help)"))
                }
            } else if let target = TargetID(parsing: word) {
                filter.session = target.session
                filter.account = target.account
            } else {
                return .failure(InputProblem(message: "cannot read \"\(word)\"; \(help)"))
            }
        }
        return .success(filter)
    }
}
