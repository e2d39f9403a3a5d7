import DeskCore
import Foundation
import GeminiClient
import Synchronization

/// A cancel from the command line that signals cannot cut short. The first SIGINT, SIGTERM or SIGHUP only says that
/// the cancels in flight finish first (re-sends within their deadline included) and their outcomes are recorded; a
/// second SIGINT abandons them, recording each as `unknown` with the attempts made so far.
enum InterruptibleCancel {
    /// The results in the order of `targets`, as `Desk.cancelAndWait` gives them.
    static func run(_ desk: Desk, _ targets: [TargetID], endpoint: CancelEndpoint,
                    progress: @escaping @Sendable (CancelRecord) -> Void) async -> [CancelRecord] {
        guard let watch = StopSignals() else {
            return await desk.cancelAndWait(targets, endpoint: endpoint, progress: progress)
        }
        defer { watch.stop() }
        let known = KnownResults()
        let finished: [CancelRecord]? = await withTaskGroup(of: [CancelRecord]?.self) { group in
            group.addTask {
                await desk.cancelAndWait(targets, endpoint: endpoint) { record in
                    if record.outcome != nil { known.results.withLock { $0[record.target] = record } }
                    progress(record)
                }
            }
            group.addTask {
                var interrupts = 0
                for await signal in watch.signals {
                    if signal == SIGINT { interrupts += 1 }
                    if interrupts >= 2 {
                        FileHandle.standardError.write("gdesk: interrupted again: abandoning the cancels in flight, recorded as unknown\n")
                        return nil
                    }
                    let again = signal == SIGINT ? " (Ctrl-C again abandons them, recorded as unknown)" : ""
                    FileHandle.standardError.write("gdesk: \(name(signal)): finishing the cancels in flight so their outcomes are recorded\(again)\n")
                }
                return nil
            }
            // The first to end: the cancel (its results), or a second interrupt (nil).
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if let finished { return finished }
        var results = known.results.withLock { $0 }
        for record in await desk.abandonInFlight() where results[record.target] == nil {
            results[record.target] = record
        }
        var seen = Set<TargetID>()
        return targets.filter { seen.insert($0).inserted }.map { target in
            results[target] ?? CancelRecord.intent(
                target: target, endpoint: endpoint,
                environment: desk.config.session(named: target.session)?.environment ?? .production,
                operatorIdentity: desk.identity
            ).abandoned(message: "abandoned before its intent was recorded: it may or may not have been sent",
                        attempts: 0, latencyMs: 0)
        }
    }

    // The results that came before an abandonment.
    private final class KnownResults: Sendable {
        let results = Mutex<[TargetID: CancelRecord]>([:])
    }

    private static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }
}
