import Foundation
import GeminiClient
import Logging
import Synchronization

/// The desk: the configured sessions, their clients, the history, and cancels of any set of targets at once.
public final class Desk: DeskService, Sendable {
    public let config: DeskConfig
    public let readOnly: Bool
    let clients: SessionClients
    /// Where every session's nonces come from.
    public let nonces: NonceStore
    let transport: any HTTPTransport
    /// Where cancels are recorded: the history, else the fallback journal, else the system log (never a reason not
    /// to send).
    public let records: RecordKeeper
    /// Who cancels through this desk, recorded with every cancel.
    public let identity: OperatorIdentity
    let policy: RetryPolicy
    let logger: Logger
    private let discovered = Mutex<[String: [String]]>([:])
    private let inFlight = InFlightCancels()

    /// - Parameter secret: resolves a session's secret (`SecretResolver` in production).
    public init(config: DeskConfig, records: RecordKeeper, transport: any HTTPTransport, nonces: NonceStore,
                identity: OperatorIdentity = .current(), readOnly: Bool? = nil,
                secret: (SessionConfig) throws -> APISecret, logger: Logger = Logger(label: "gdesk.desk", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.config = config
        self.readOnly = readOnly ?? config.readOnly
        self.records = records
        self.transport = transport
        self.identity = identity
        self.logger = logger
        self.policy = RetryPolicy(deadline: config.cancelDeadline, attemptTimeout: config.requestTimeout)
        self.nonces = nonces
        clients = SessionClients(config: config, transport: transport, nonces: nonces, secret: secret, logger: logger)
    }

    /// What is wrong with each session's stored nonce state, with what to do (for start-up and `gdesk check`). Nothing
    /// here stops a cancel; an empty list is the normal case.
    public func nonceNotices() -> [(session: String, notice: NonceNotice)] {
        config.sessions.flatMap { session in
            nonces.inspect(apiKey: session.apiKey, unit: session.nonceUnit).map { (session.name, $0) }
        }
    }

    /// Opens connections to every exchange in the config ahead of a panic (no authenticated call), and finds the
    /// subaccounts of master keys configured without `accounts` (master keys have no heartbeat to disturb).
    @discardableResult
    public func warmUp() async -> [WarmReport] {
        let targets = await targets()
        var perURL: [String: Int] = [:]
        for target in targets {
            if let session = config.session(named: target.id.session) { perURL[session.baseURL, default: 0] += 1 }
        }
        async let discovery: Void = discoverAccounts()
        let reports = await withTaskGroup(of: WarmReport.self) { group in
            for (url, count) in perURL { group.addTask { await self.transport.warm(baseURL: url, connections: count) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        await discovery
        for report in reports where report.failure != nil {
            logger.warning("warm-up failed", metadata: ["url": "\(report.baseURL)", "why": "\(report.failure!)"])
        }
        return reports.sorted { $0.baseURL < $1.baseURL }
    }

    /// The targets a command names: a master key's session without an account stands for all of its subaccounts
    /// (discovered with account/list when the config does not list them). Other targets are kept as they are.
    public func expand(_ requested: [TargetID]) async -> [TargetID] {
        let undiscovered = requested.contains { target in
            target.account == nil && config.session(named: target.session).map { $0.isMaster && $0.accounts == nil } == true
        }
        if undiscovered { await discoverAccounts() }
        // Grouped once: a scan of every target per requested session would be quadratic in the number of sessions.
        let subaccounts = Dictionary(grouping: await targets().lazy.map(\.id).filter { $0.account != nil }, by: \.session)
        return requested.flatMap { target -> [TargetID] in
            guard target.account == nil, config.session(named: target.session)?.isMaster == true else { return [target] }
            return subaccounts[target.session] ?? [target]
        }.uniqued()
    }

    /// Every target, with the subaccounts of master keys configured without `accounts` discovered first.
    public func allTargets() async -> [TargetID] {
        await expand(config.sessions.map { TargetID(session: $0.name) })
    }

    // MARK: DeskService

    public func targets() async -> [TargetInfo] {
        let found = discovered.withLock { $0 }
        return config.sessions.flatMap { session -> [TargetInfo] in
            func info(_ account: String?) -> TargetInfo {
                TargetInfo(id: TargetID(session: session.name, account: account), environment: session.environment,
                           maskedKey: session.maskedKey, isMaster: session.isMaster, requireHeartbeat: session.requireHeartbeat,
                           allowCancelAll: session.allowCancelAll)
            }
            guard session.isMaster else { return [info(nil)] }
            let accounts = session.accounts ?? found[session.name] ?? []
            return accounts.isEmpty ? [info(nil)] : accounts.map(info)
        }
    }

    /// A desk recording to `history` only, already open (tests, the benchmark): no journal, no system log.
    public convenience init(config: DeskConfig, history: any HistoryBackend, transport: any HTTPTransport, nonces: NonceStore,
                            identity: OperatorIdentity = .current(), readOnly: Bool? = nil,
                            secret: (SessionConfig) throws -> APISecret,
                            logger: Logger = Logger(label: "gdesk.desk", factory: { _ in SwiftLogNoOpLogHandler() })) {
        let records = RecordKeeper(backend: history, journal: FallbackJournal(directories: [], historyPath: ""),
                                   syslog: SyslogSender(socketPath: ""), auditToSyslog: false)
        self.init(config: config, records: records, transport: transport, nonces: nonces, identity: identity,
                  readOnly: readOnly, secret: secret, logger: logger)
    }

    public func lastResults() async -> [TargetID: CancelRecord] {
        guard let history = records.store else {
            logger.error("history unreadable", metadata: ["error": "\(records.status.problem?.description ?? "not open")"])
            return [:]
        }
        do {
            return try await history.lastResults()
        } catch {
            logger.error("history unreadable", metadata: ["error": "\(error)"])
            return [:]
        }
    }

    public func history(_ filter: HistoryFilter) async throws -> [CancelRecord] {
        guard let history = records.store else { throw HistoryUnavailable(status: records.status) }
        return try await history.entries(filter)
    }

    public func recordStatus() async -> RecordStatus { records.status }

    public func cancel(_ targets: [TargetID], endpoint: CancelEndpoint) -> AsyncStream<CancelRecord> {
        let (stream, continuation) = AsyncStream.makeStream(of: CancelRecord.self)
        // Unstructured on purpose: a cancel that has started runs to its end and is recorded even if nobody listens.
        Task {
            await self.runCancel(targets, endpoint: endpoint, events: continuation)
            continuation.finish()
        }
        return stream
    }

    /// Records every cancel of this desk still waiting for its answer as `unknown` (reason `Abandoned`) with the
    /// attempts made so far, for a process about to leave without waiting (a second Ctrl-C). An answer that still
    /// comes before the process ends replaces it. Returns what was recorded.
    public func abandonInFlight() async -> [CancelRecord] {
        var abandoned: [CancelRecord] = []
        for record in inFlight.abandonAll() {
            abandoned.append(await records.recordOutcome(record))
        }
        return abandoned
    }

    /// Cancels and waits: the settled records in the order of `targets`; `progress` sees every update.
    public func cancelAndWait(_ targets: [TargetID], endpoint: CancelEndpoint,
                              progress: (@Sendable (CancelRecord) -> Void)? = nil) async -> [CancelRecord] {
        var results: [TargetID: CancelRecord] = [:]
        for await record in cancel(targets, endpoint: endpoint) {
            progress?(record)
            if record.outcome != nil { results[record.target] = record }
        }
        return targets.uniqued().compactMap { results[$0] }
    }

    public func preflight(_ sessions: [String]) async -> [PreflightResult] {
        await withTaskGroup(of: (Int, PreflightResult).self) { group in
            for (index, name) in sessions.enumerated() {
                group.addTask { (index, await self.preflight(session: name)) }
            }
            var results = [PreflightResult?](repeating: nil, count: sessions.count)
            for await (index, result) in group { results[index] = result }
            return results.map { $0! }
        }
    }

    public func explain(_ target: TargetID, orderID: UInt64) async -> String {
        let api: GeminiAPI
        switch clients.api(target.session) {
        case .success(let a): api = a
        case .failure(let problem): return "cannot look up order \(orderID): \(problem.reason): \(problem.message)"
        }
        do {
            return try await api.orderStatus(orderID, account: target.account).explanation
        } catch .exchange(_, .orderNotFound, _, _) {
            return "order \(orderID) was not found on \(target.account.map { "account \($0)" } ?? "this account"): "
                + "it may belong to another account or key, or the ID is wrong"
        } catch {
            return "cannot look up order \(orderID): \(error.reasonText): \(error.message)"
        }
    }

    // MARK: Cancelling

    private func runCancel(_ requested: [TargetID], endpoint: CancelEndpoint,
                           events: AsyncStream<CancelRecord>.Continuation) async {
        let targets = requested.uniqued()
        func intent(_ target: TargetID) -> CancelRecord {
            // A target without a session has no environment: its refusal shows as production, the safer reading.
            .intent(target: target, endpoint: endpoint, environment: config.session(named: target.session)?.environment ?? .production,
                    operatorIdentity: identity)
        }
        // Refusals of configured sessions are recorded too, once the requests that do go have left.
        var refusals: [CancelRecord] = []
        func refuse(_ target: TargetID, _ reason: String, _ message: String, recorded: Bool = false) {
            let refusal = intent(target).refused(reason: reason, message: message)
            if recorded { refusals.append(refusal) }
            events.yield(refusal)
        }
        guard !readOnly else {
            targets.forEach { refuse($0, "ReadOnly", "gdesk is read-only") }
            return
        }
        var planned: [(record: CancelRecord, session: SessionConfig, api: GeminiAPI)] = []
        for target in targets {
            guard let session = config.session(named: target.session) else {
                refuse(target, "UnknownTarget", "no session named \"\(target.session)\" in \(config.path.isEmpty ? "the config" : config.path)")
                continue
            }
            if endpoint == .all && !session.allowCancelAll {
                refuse(target, "NotEnabled", "cancel of all active orders is not enabled for \(session.name) (allow_cancel_all)",
                       recorded: true)
                continue
            }
            if session.isMaster && target.account == nil {
                refuse(target, "MissingAccountName", "\(session.name) is a master key: name a subaccount (SESSION/ACCOUNT); none are configured or discovered",
                       recorded: true)
                continue
            }
            if !session.isMaster && target.account != nil {
                refuse(target, "AccountsOnGroupOnlyApi", "\(session.name) is not a master key: it has no subaccounts", recorded: true)
                continue
            }
            switch clients.api(session.name) {
            case .success(let api): planned.append((intent(target), session, api))
            case .failure(let problem): refuse(target, problem.reason, problem.message, recorded: true)
            }
        }
        let refused = refusals
        guard !planned.isEmpty else {
            await record(refused)
            return
        }

        // Never a reason not to send: the keeper waits a short bound for the history, then writes elsewhere.
        let written = await records.recordIntents(planned.map(\.record))
        for index in planned.indices {
            planned[index].record = written[index]
            if written[index].recordedIn != .history {
                logger.critical("intent not in the history; sending anyway",
                                metadata: ["target": "\(written[index].target)", "record": "\(written[index].recordedIn ?? .nowhere)"])
            }
            inFlight.add(planned[index].record)
            events.yield(planned[index].record)
        }

        let bySession = Dictionary(grouping: planned, by: { $0.session.name })
        await withTaskGroup(of: Void.self) { group in
            if !refused.isEmpty { group.addTask { await self.record(refused) } }
            for (_, items) in bySession {
                let api = items[0].api
                let observer = RecordingObserver(records: items.map(\.record), keeper: records, inFlight: inFlight, events: events,
                                                 logger: logger)
                let accounts = items.map(\.record.target.account)
                group.addTask { _ = await api.cancel(endpoint, accounts: accounts, policy: self.policy, observer: observer) }
            }
        }
    }

    /// Records cancels refused before sending, each with its outcome.
    private func record(_ refusals: [CancelRecord]) async {
        guard !refusals.isEmpty else { return }
        for written in await records.recordIntents(refusals) {
            await records.recordOutcome(written)
        }
    }

    // MARK: Pre-flight

    private func preflight(session name: String) async -> PreflightResult {
        guard let session = config.session(named: name) else {
            return PreflightResult(session: name, status: .failed(reason: "UnknownSession", message: "not in the config"))
        }
        let api: GeminiAPI
        switch clients.api(name) {
        case .success(let a): api = a
        case .failure(let problem): return PreflightResult(session: name, status: .failed(reason: problem.reason, message: problem.message))
        }
        if session.requireHeartbeat && !session.isMaster {
            // An authenticated call would reset the heartbeat timer and keep a dead bot's orders alive: reachability only.
            let warm = await transport.warm(baseURL: session.baseURL, connections: 1)
            if let failure = warm.failure {
                return PreflightResult(session: name, status: .failed(reason: "Unreachable", message: failure))
            }
            return PreflightResult(session: name, status: .reachableHeartbeatKey)
        }
        do {
            let roles = try await api.roles()
            var accounts: [String]?
            if session.isMaster && session.accounts == nil {
                accounts = try await api.accounts().filter(\.isCancellable).map(\.account)
                discovered.withLock { $0[name] = accounts }
            }
            return PreflightResult(session: name, status: roles.isTrader ? .ready(roles: roles) : .noTraderRole(roles: roles),
                                   discoveredAccounts: accounts)
        } catch {
            return PreflightResult(session: name, status: .failed(reason: error.reasonText, message: error.message))
        }
    }

    private func discoverAccounts() async {
        let masters = config.sessions.filter { $0.isMaster && $0.accounts == nil }
        await withTaskGroup(of: Void.self) { group in
            for session in masters {
                guard case .success(let api) = clients.api(session.name) else { continue }
                group.addTask {
                    do {
                        let accounts = try await api.accounts().filter(\.isCancellable).map(\.account)
                        self.discovered.withLock { $0[session.name] = accounts }
                    } catch {
                        self.logger.warning("account discovery failed", metadata: ["session": "\(session.name)", "error": "\(error)"])
                    }
                }
            }
        }
    }
}
