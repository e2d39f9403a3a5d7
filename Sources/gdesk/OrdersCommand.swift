import ArgumentParser
import DeskCore
import Foundation
import GeminiClient

struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "Show what each target has live, from the [[monitor]]'s order events stream (REST /v1/orders when it is unavailable).",
        discussion: """
            The stream attributes each order to the session (API key) that placed it. REST cannot: its figures are every \
            session's orders on the target's account, and the output says so. No call is made with a session's own key.
            Exit 0 when every target's orders are known, 2 otherwise.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Targets: SESSION or SESSION/ACCOUNT (default: every target).", valueName: "target")) var targets: [String] = []
    // Gemini sends no snapshot array when nothing is live: the book is then complete at the first heartbeat (5 s).
    @Option(name: .long, help: ArgumentHelp("How long to wait for the stream's snapshot before asking REST (an empty account's snapshot ends at the first heartbeat, within 5 s).", valueName: "ms"))
    var streamWaitMs: Int = 6000
    @Flag(help: "Print JSON: one object per target.") var json = false

    func validate() throws {
        for text in targets where TargetID(parsing: text) == nil {
            throw ValidationError("\"\(text)\" is not a target: write SESSION or SESSION/ACCOUNT")
        }
        guard streamWaitMs >= 0 else { throw ValidationError("--stream-wait-ms must be 0 or more") }
    }

    func run() async throws {
        let context = try await DeskContext.open(global)
        defer { context.close() }
        let named = targets.compactMap(TargetID.init(parsing:))
        let chosen = named.isEmpty ? await context.desk.allTargets() : await context.desk.expand(named)
        let resolver = SecretResolver()
        let service = LiveOrdersService(
            config: context.config, transport: context.transport, nonces: NonceStore(directory: context.paths.nonceDirectory),
            nonceDirectory: context.paths.nonceDirectory, executable: MonitorExecutable.locate(),
            secret: { monitor in try resolver.resolve(monitor.secret, session: monitor.name) })
        defer { service.stop() }
        let reports = await service.report(chosen, streamWait: .milliseconds(streamWaitMs))
        if json {
            print(try JSONOutput.encode(reports.map(OrdersRow.init)))
        } else {
            print(Self.text(reports), terminator: "")
        }
        if reports.contains(where: { $0.source == .none }) { throw ExitCode.notAllOK }
    }

    static func text(_ reports: [TargetOrders]) -> String {
        var table = TextTable(["TARGET", "SOURCE", "AS OF", "LIVE", "ORDERS"])
        for report in reports {
            let ids = report.live.prefix(8).map { "\($0.orderID)" }.joined(separator: " ") + (report.live.count > 8 ? " …" : "")
            table.add([report.target.description, report.source.rawValue, report.asOf.map(Format.time) ?? "-",
                       String(report.live.count), ids.isEmpty ? "-" : ids])
        }
        var out = table.render()
        for report in reports {
            if let note = report.note { out += "\(report.target): \(note)\n" }
        }
        return out
    }
}

/// One object of `gdesk orders --json`. The field names are the contract.
struct OrdersRow: Encodable {
    struct Order: Encodable {
        var order_id: UInt64
        var symbol: String
        var side: String
        var price: String?
        var remaining: String?
    }

    var session: String
    var account: String?
    var live: [Order]
    /// `stream`, `rest`, or `none` when nothing could be learnt (`note` says why).
    var source: String
    var as_of: String?
    var note: String?

    init(_ report: TargetOrders) {
        session = report.target.session
        account = report.account
        live = report.live.map { Order(order_id: $0.orderID, symbol: $0.symbol, side: $0.side, price: $0.price, remaining: $0.remaining) }
        source = report.source.rawValue
        as_of = report.asOf.map { ClockZone.utc.civil($0).iso8601 }
        note = report.note
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(session, forKey: .session)
        try c.encode(account, forKey: .account)
        try c.encode(live, forKey: .live)
        try c.encode(source, forKey: .source)
        try c.encode(as_of, forKey: .as_of)
        try c.encodeIfPresent(note, forKey: .note)
    }

    enum CodingKeys: String, CodingKey { case session, account, live, source, as_of, note }
}
