import DeskCore
import Foundation
import GeminiClient

/// How the CLI writes times, outcomes and latencies.
enum Format {
    /// "2024-05-01 12:03:04" in local time.
    static func time(_ date: Date) -> String { ClockZone.local.civil(date).dateAndClock }

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
