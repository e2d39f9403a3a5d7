import DeskCore
import Foundation

/// What the CLI says about where a cancel's records went.
enum RecordReport {
    /// After a cancel: records that went to the journal are merged into the history if it takes them now (a lock
    /// that cleared meanwhile), so they say `history`; for the rest, standard error names the problem and the place.
    static func settle(_ results: [CancelRecord], records: RecordKeeper) async -> [CancelRecord] {
        var results = results
        let elsewhere = results.filter { $0.recordedIn != nil && $0.recordedIn != .history }
        if !elsewhere.isEmpty, await records.mergeJournal(within: RecordKeeper.writeBound, probe: true) != nil,
           !records.journal.hasPending {
            for index in results.indices where results[index].recordedIn.map({ if case .journal = $0 { true } else { false } }) == true {
                results[index].recordedIn = .history
            }
        }
        let status = records.status
        let missing = results.filter { $0.recordedIn != nil && $0.recordedIn != .history }
        if !missing.isEmpty {
            let places = Set(missing.compactMap(\.recordedIn)).map(\.description).sorted().joined(separator: ", ")
            let why = status.problem?.description ?? "the history did not take them in time"
            FileHandle.standardError.write("gdesk: \(missing.count) of \(results.count) record(s) are not in the history (\(why)): "
                                           + "they are in \(places); they are merged into the history when it can take them\n")
        }
        if let problem = status.auditProblem {
            FileHandle.standardError.write("gdesk: warning: the audit trail did not reach the system log: \(problem)\n")
        }
        return results
    }
}
