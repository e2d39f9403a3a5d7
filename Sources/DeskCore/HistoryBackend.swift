/// The history the desk records to and reads from (`HistoryStore` in production).
public protocol HistoryBackend: CancelRecorder {
    func entries(_ filter: HistoryFilter) async throws -> [HistoryEntry]
    func lastResults() async throws -> [TargetID: HistoryEntry]
}

extension HistoryStore: HistoryBackend {}
