import DeskCore
import Foundation
import GeminiClient

/// How the CLI writes times, outcomes and latencies.
enum Format {
    /// "2024-05-01 12:03:04" in local time.
    static func time(_ date: Date) -> String { ClockZone.local.civil(date).dateAndClock }

    /// "2024-05-01T12:03:04.567Z".
    static func iso(_ date: Date) -> String { ClockZone.utc.civil(date).iso8601 }

    static func outcome(_ outcome: Outcome, reason: String?) -> String {
        switch outcome {
        case .ok: "ok"
        case .error: "error " + (reason ?? "")
        case .unknown: "UNKNOWN " + (reason ?? "")
        }
    }

    static func outcome(_ entry: HistoryEntry) -> String {
        guard let outcome = entry.outcome else { return "UNKNOWN (no outcome recorded)" }
        return Self.outcome(outcome, reason: entry.reason)
    }

    static func latency(_ duration: Duration) -> String { "\(duration.milliseconds) ms" }

    /// "0.3 s", "12.5 s".
    static func seconds(_ duration: Duration) -> String { String(format: "%.1f s", Double(duration.milliseconds) / 1000) }
}

/// JSON for scripts: sorted keys, IDs as exact integers.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// Facts about the process's terminal.
enum Terminal {
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

extension FileHandle {
    /// Writes `text`; a failure (a terminal that went away, a closed pipe) is dropped, never a trap.
    func write(_ text: String) { try? write(contentsOf: Data(text.utf8)) }
}
