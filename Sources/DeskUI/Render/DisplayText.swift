import DeskCore
import Foundation
import GeminiClient

// The words and roles a cancel's state is shown with. State is never colour alone: every role comes with text.
enum DisplayText {
    static func clock(_ date: Date, timeZone: ClockZone) -> String { timeZone.civil(date).clock }

    // "12:03:04" today, "May 01" before.
    static func shortTime(_ date: Date, now: Date, timeZone: ClockZone) -> String {
        let time = timeZone.civil(date)
        if time.isSameDay(as: timeZone.civil(now)) { return time.clock }
        return time.monthAbbreviation + " " + (time.day < 10 ? "0" : "") + String(time.day)
    }

    // "2024-05-01 12:03:04".
    static func fullTime(_ date: Date, timeZone: ClockZone) -> String { timeZone.civil(date).dateAndClock }

    static func zoneName(_ timeZone: ClockZone, at date: Date) -> String {
        let name = timeZone.civil(date).zoneAbbreviation
        return name.isEmpty ? "local time" : name
    }

    // A span the operator waited: "0.3 s", "12.5 s".
    static func seconds(_ interval: TimeInterval) -> String { String(format: "%.1f s", max(0, interval)) }

    static func latency(_ milliseconds: Int?) -> String {
        guard let ms = milliseconds else { return "-" }
        if ms < 1000 { return "\(ms)ms" }
        if ms < 10_000 { return String(format: "%.1fs", Double(ms) / 1000) }
        return "\(ms / 1000)s"
    }

    // "ok", "error InvalidNonce", "unknown NoAnswer".
    static func outcome(_ record: CancelRecord) -> (String, Role) {
        switch record.shownOutcome {
        case .ok: return ("ok", .ok)
        case .error: return (["error", record.reason].compactMap { $0 }.joined(separator: " "), .error)
        case .unknown: return (["unknown", record.reason].compactMap { $0 }.joined(separator: " "), .unknown)
        }
    }

    static func progress(_ progress: CancelProgress) -> (String, Role) {
        switch progress {
        case .queued: ("queued", .pending)
        case .sent(let attempt): (attempt > 1 ? "sent #\(attempt)" : "sent", .pending)
        case .retrying(let attempt, let reason): ("retrying #\(attempt) \(reason)", .pending)
        }
    }

    // The attempt a cancel in flight is on.
    static func attempt(_ progress: CancelProgress) -> String {
        switch progress {
        case .queued: "-"
        case .sent(let attempt), .retrying(let attempt, _): String(attempt)
        }
    }

    // A count of order IDs; only meaningful when the exchange answered ok.
    static func count(_ ids: [UInt64], of record: CancelRecord?) -> String {
        guard let record, record.outcome == .ok else { return "-" }
        return String(ids.count)
    }

    static func preflight(_ result: PreflightResult?, pending: Bool) -> (String, Role) {
        if pending { return ("checking", .pending) }
        guard let result else { return ("-", .dim) }
        switch result.status {
        case .ready: return (result.label, .ok)
        case .noTraderRole: return (result.label, .error)
        case .reachableHeartbeatKey: return (result.label, .unknown)
        case .failed: return (result.label, .error)
        }
    }

    static func environment(_ environment: Environment) -> (String, Role) {
        (environment.marker, environment == .production ? .production : .sandbox)
    }

    // "2 PROD · 3 sbx".
    static func environmentMix(_ targets: [TargetInfo]) -> [(String, Role)] {
        let prod = targets.filter { $0.environment == .production }.count
        let sandbox = targets.count - prod
        var parts: [(String, Role)] = []
        if prod > 0 { parts.append(("\(prod) PROD", .production)) }
        if prod > 0, sandbox > 0 { parts.append((" · ", .header)) }
        if sandbox > 0 { parts.append(("\(sandbox) sbx", .header)) }
        if parts.isEmpty { parts.append(("no targets", .header)) }
        return parts
    }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
