import DeskCore
import Foundation
import GeminiClient

/// How the CLI writes times, outcomes and latencies.
enum Format {
    /// "2024-05-01 12:03:04" in local time.
    static func time(_ date: Date) -> String { ClockZone.local.civil(date).dateAndClock }

    /// "2024-05-01T12:03:04.567Z".
    static func iso(_ date: Date) -> String { ClockZone.utc.civil(date).iso8601 }

    /// "ok", "error InvalidNonce", "UNKNOWN NoAnswer"; a record without an outcome is "UNKNOWN (no outcome recorded)".
    static func outcome(_ record: CancelRecord) -> String {
        switch record.outcome {
        case .ok: "ok"
        case .error: "error " + (record.reason ?? "")
        case .unknown: "UNKNOWN " + (record.reason ?? "")
        case nil: "UNKNOWN (no outcome recorded)"
        }
    }

    /// "53 ms", or "-" when none is recorded.
    static func latency(_ milliseconds: Int?) -> String { milliseconds.map { "\($0) ms" } ?? "-" }

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
