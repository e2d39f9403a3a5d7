import DeskCore
import Foundation

// The front end's lines for the log file: every flash and every cancel sent. Lines logged while events are handled
// are written together once they are all handled, with one time stamp: a panic logs a line per target, mostly within
// a frame. A write that fails drops its lines and never stops anything; it is reported once, until one succeeds again.
struct ActionLog {
    let file: LogFile
    private var pending: [String] = []
    private var failing = false

    init(file: LogFile) {
        self.file = file
    }

    mutating func add(_ line: String) {
        pending.append(line)
    }

    // Writes the pending lines stamped with `date`. Returns what to tell the operator when the log has just stopped
    // taking lines, nil otherwise.
    mutating func flush(at date: Date) -> String? {
        guard !pending.isEmpty else { return nil }
        let stamp = ClockZone.utc.civil(date).iso8601
        let text = pending.map { "\(stamp) \($0)" }.joined(separator: "\n")
        pending = []
        guard let problem = file.append(text) else {
            failing = false
            return nil
        }
        defer { failing = true }
        return failing ? nil : "cannot write the log \(file.path) (\(problem)); messages are not logged, cancels go out as ever"
    }
}
