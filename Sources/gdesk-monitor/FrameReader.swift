import GeminiClient
import Synchronization

/// Turns one connection's frames into monitor lines: the ack, the snapshot (the `initial` events, complete once
/// their array ends or the first other item arrives), events and heartbeats; stops at a `socket_sequence` gap.
final class FrameReader: Sendable {
    private let connection: Int
    private let output: LineOutput
    private let tracker: ConnectionTracker
    private let state = Mutex(State())

    private struct State {
        var sequencer = OrderEventsSequencer()
        /// The snapshot being collected: from the ack until it is complete.
        var snapshot: [OrderEvent]?
    }

    init(connection: Int, output: LineOutput, tracker: ConnectionTracker) {
        self.connection = connection
        self.output = output
        self.tracker = tracker
    }

    /// Reads one text frame; returns how the connection must end, if it must.
    func read(_ frame: [UInt8]) -> OrderEventsStream.End? {
        let items: [OrderEventsItem]
        do {
            items = try OrderEventsFrame.items(frame)
        } catch {
            return .closed("unreadable frame: \(error)")
        }
        return state.withLock { s -> OrderEventsStream.End? in
            var lines: [MonitorLine] = []
            defer { for line in lines { output.emit(line) } }
            for item in items {
                if let sequence = item.sequence, let gap = s.sequencer.accept(sequence) {
                    lines.append(.gap(expected: gap.expected, got: gap.got))
                    return .gap
                }
                switch item {
                case .acknowledged:
                    lines.append(.connected(connection: connection))
                    s.snapshot = []
                case .order(let event, _) where event.kind == .initial && s.snapshot != nil:
                    s.snapshot?.append(event)
                case .order(let event, _):
                    flushSnapshot(&s, into: &lines)
                    lines.append(.event(event))
                case .heartbeat(_, let timestampms):
                    flushSnapshot(&s, into: &lines)
                    lines.append(.heartbeat(timestampms: timestampms))
                case .other:
                    flushSnapshot(&s, into: &lines)
                }
            }
            // The snapshot comes as one array: when a frame of initial events ends, so does the snapshot.
            if let snapshot = s.snapshot, !snapshot.isEmpty { flushSnapshot(&s, into: &lines) }
            return nil
        }
    }

    private func flushSnapshot(_ s: inout State, into lines: inout [MonitorLine]) {
        guard let snapshot = s.snapshot else { return }
        s.snapshot = nil
        lines.append(.snapshot(connection: connection, orders: snapshot))
        tracker.snapshotDone()
    }
}
