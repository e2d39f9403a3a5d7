import Foundation
import GeminiClient
import Logging

/// What each target has live: from its monitor's order events stream, or, when the stream is unavailable, from
/// `POST /v1/orders` with the monitor key (per account: REST orders name no session). Never calls with a session's key.
public final class LiveOrdersService: Sendable {
    public let config: DeskConfig
    private let monitors: [String: Result<OrderMonitor, MonitorProblem>]
    private let restClients: [String: GeminiAPI]

    /// Why a monitor cannot be used.
    public struct MonitorProblem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// - Parameters:
    ///   - executable: `gdesk-monitor`, or why it cannot be found (the stream is then unavailable; REST still works).
    ///   - nonces: gdesk's nonce store; `nonceDirectory` its directory, shared with the sidecars.
    public init(config: DeskConfig, transport: any HTTPTransport, nonces: NonceStore, nonceDirectory: String?,
                executable: Result<String, MonitorExecutable.NotFound>, staleAfter: Duration = .seconds(15),
                secret: (MonitorConfig) throws -> APISecret) {
        self.config = config
        var monitors: [String: Result<OrderMonitor, MonitorProblem>] = [:]
        var restClients: [String: GeminiAPI] = [:]
        for monitor in config.monitors {
            do {
                let key = try secret(monitor)
                let url = try BaseURL(monitor.baseURL)
                restClients[monitor.name] = GeminiAPI(credentials: Credentials(apiKey: monitor.apiKey, secret: key), baseURL: url,
                                                      nonceUnit: monitor.nonceUnit, transport: transport, nonces: nonces,
                                                      requestTimeout: config.requestTimeout)
                switch executable {
                case .success(let path):
                    monitors[monitor.name] = .success(try OrderMonitor(config: monitor, secret: key, executable: path,
                                                                       nonceDirectory: nonceDirectory, staleAfter: staleAfter))
                case .failure(let notFound):
                    monitors[monitor.name] = .failure(MonitorProblem(description: notFound.description))
                }
            } catch {
                monitors[monitor.name] = .failure(MonitorProblem(description: "monitor \"\(monitor.name)\": \(error)"))
            }
        }
        self.monitors = monitors
        self.restClients = restClients
    }

    /// Starts every monitor's stream.
    public func start() {
        for case .success(let monitor) in monitors.values { monitor.start() }
    }

    /// Stops every monitor's stream.
    public func stop() {
        for case .success(let monitor) in monitors.values { monitor.stop() }
    }

    /// The monitor watching `session`'s exchange, once started.
    public func monitor(for session: SessionConfig) -> OrderMonitor? {
        guard let config = config.monitor(for: session), case .success(let monitor) = monitors[config.name] else { return nil }
        return monitor
    }

    /// What each target has live. Waits up to `streamWait` for each monitor's snapshot; a monitor without one by then
    /// is read over REST instead.
    public func report(_ targets: [TargetID], streamWait: Duration = .seconds(3)) async -> [TargetOrders] {
        start()
        var books: [String: LiveOrdersBook] = [:]
        await withTaskGroup(of: (String, LiveOrdersBook).self) { group in
            for case (let name, .success(let monitor)) in monitors {
                group.addTask { (name, await monitor.wait(until: { $0.isSynced }, timeout: streamWait)) }
            }
            for await (name, book) in group { books[name] = book }
        }
        var rest: [String: Result<[ActiveOrder], GeminiError>] = [:]
        var reports: [TargetOrders] = []
        for target in targets {
            reports.append(await report(target, books: books, rest: &rest))
        }
        return reports
    }

    private func report(_ target: TargetID, books: [String: LiveOrdersBook],
                        rest: inout [String: Result<[ActiveOrder], GeminiError>]) async -> TargetOrders {
        guard let session = config.session(named: target.session) else {
            return TargetOrders(target: target, account: target.account, live: [], source: .none, asOf: nil,
                                note: "no session named \"\(target.session)\" in the config")
        }
        let account = target.account ?? session.account
        guard let monitor = config.monitor(for: session) else {
            return TargetOrders(target: target, account: account, live: [], source: .none, asOf: nil,
                                note: "no monitor: add a [[monitor]] with a read-only key for \(session.baseURL)")
        }
        if let book = books[monitor.name], book.isSynced {
            return TargetOrders(target: target, account: account, live: book.live(apiSession: session.apiKey, account: account),
                                source: .stream, asOf: book.lastHeardAt)
        }
        let streamNote: String = switch monitors[monitor.name] {
        case .failure(let problem): problem.description
        case .success: books[monitor.name].map { "stream \(Self.describe($0.status))" } ?? "stream not started"
        case nil: "stream not started"
        }
        guard let client = restClients[monitor.name] else {
            return TargetOrders(target: target, account: account, live: [], source: .none, asOf: nil, note: streamNote)
        }
        if monitor.isMaster && account == nil {
            return TargetOrders(target: target, account: nil, live: [], source: .none, asOf: nil,
                                note: "\(streamNote); REST needs the session's account: set account = \"name\" on session \"\(session.name)\"")
        }
        let restAccount = monitor.isMaster ? account : nil
        let cacheKey = monitor.name + "\n" + (restAccount ?? "")
        if rest[cacheKey] == nil {
            do {
                rest[cacheKey] = .success(try await client.activeOrders(account: restAccount))
            } catch {
                rest[cacheKey] = .failure(error)
            }
        }
        let now = Date()
        switch rest[cacheKey]! {
        case .success(let orders):
            let live = orders.map {
                LiveOrder(orderID: $0.orderID, symbol: $0.symbol, side: $0.side, price: $0.price, remaining: $0.remaining,
                          apiSession: nil, account: account, seenAt: now)
            }
            return TargetOrders(target: target, account: account, live: live, source: .rest, asOf: now,
                                note: "\(streamNote); REST lists every session's orders on account \(account ?? "of the monitor key"), not only this session's")
        case .failure(let error):
            return TargetOrders(target: target, account: account, live: [], source: .none, asOf: nil,
                                note: "\(streamNote); REST /v1/orders failed: \(error.message)")
        }
    }

    static func describe(_ status: LiveOrdersBook.Status) -> String {
        switch status {
        case .starting: "not heard from"
        case .syncing: "connected, no snapshot yet"
        case .synced: "synced"
        case .down(let reason): "down: \(reason)"
        }
    }
}
