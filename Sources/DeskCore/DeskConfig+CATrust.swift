import GeminiClient

extension DeskConfig {
    /// The CAs each exchange address trusts, from the sessions' `ca_file` and `ca_system_roots`, for the transport's
    /// `trust`. A session's CA applies to its own address only. Sessions sharing an address share one trust, the
    /// union of theirs: every file, and the system's roots unless every one of them (a session without `ca_file` asks
    /// for the roots) said `ca_system_roots = false`. Addresses no session gives a CA file are not listed.
    public var caTrust: [String: CATrust] {
        let byOrigin = Dictionary(grouping: sessions) { CATrust.origin(of: $0.baseURL) }
        return byOrigin.compactMapValues { sessions -> CATrust? in
            guard sessions.contains(where: { $0.caFile != nil }) else { return nil }
            return CATrust.union(sessions.map { CATrust(caFiles: $0.caFile.map { [$0] } ?? [], systemRoots: $0.caFile == nil || $0.caSystemRoots) })
        }
    }
}
