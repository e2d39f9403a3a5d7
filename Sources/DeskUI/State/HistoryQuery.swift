import DeskCore
import Foundation

// The text typed after `/` in the history: `desk-a`, `desk-a/sub-1`, `session:desk-a`, `account:sub-1`,
// `since:2h` (m, h, d) or `since:2024-05-01`, in any combination.
enum HistoryQuery {
    static let help = "words: SESSION[/ACCOUNT]  session:NAME  account:NAME  since:30m|2h|7d|YYYY-MM-DD"

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
                    guard let date = since(value, now: now, timeZone: timeZone) else {
                        return .failure(InputProblem(message: "since:\(value) is not 30m, 2h, 7d or YYYY-MM-DD"))
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

    private static func since(_ text: String, now: Date, timeZone: ClockZone) -> Date? {
        if let unit = text.last, let amount = Double(text.dropLast()), amount >= 0 {
            switch unit {
            case "m": return now.addingTimeInterval(-amount * 60)
            case "h": return now.addingTimeInterval(-amount * 3600)
            case "d": return now.addingTimeInterval(-amount * 86400)
            default: break
            }
        }
        // yyyy-MM-dd, the start of that day in the zone the screen shows.
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 4, fields[1].count == 2, fields[2].count == 2,
              fields.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2]) else { return nil }
        return timeZone.startOfDay(year: year, month: month, day: day)
    }
}
