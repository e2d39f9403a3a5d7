import DeskCore
import Foundation

// The front end's lines for the log file: every flash and every cancel sent. Lines logged while events are handled
// are written together once they are all handled, with one time stamp: a panic logs a line per target, mostly within
// a frame. A write that fails drops its lines and never stops anything; the desk shows it until a write succeeds again.
struct ActionLog {
    let file: LogFile
    private var pending: [String] = []
    // Why the last write failed ("cannot write the log … (No space left on device)"), nil once one succeeds.
    private(set) var problem: String?

    init(file: LogFile) {
        self.file = file
    }

    mutating func add(_ line: String) {
        pending.append(line)
    }

    // Writes the pending lines stamped with `date`. Returns whether `problem` changed.
    mutating func flush(at date: Date) -> Bool {
        guard !pending.isEmpty else { return false }
        let stamp = ClockZone.utc.civil(date).iso8601
        let text = pending.map { "\(stamp) \($0)" }.joined(separator: "\n")
        pending = []
        let before = problem
        problem = file.append(text).map { "cannot write the log \(file.path) (\($0)); cancels go out as ever" }
        return problem != before
    }
}
