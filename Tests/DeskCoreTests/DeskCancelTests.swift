import DeskCore
import Foundation
import GeminiClient
import Synchronization
import Testing
import TestSupport

/// `Desk`'s orchestration on its own: a history in memory whose writes can fail or stall, a transport in memory that
/// answers as the exchange would. What is written when, what is sent, and what the stream says.
@Suite struct DeskCancelTests {
    static let operatorIdentity = OperatorIdentity(user: "ops", host: "desk-7", sshClient: nil)
    static let config = DeskConfig(path: "/etc/gdesk/config.toml", sessions: [
        SessionConfig(name: "alpha", apiKey: "account-alpha", secret: .environment("UNUSED"), environment: .production,
                      url: "http://127.0.0.1:9"),
        SessionConfig(name: "group", apiKey: "master-group", secret: .environment("UNUSED"), url: "http://127.0.0.1:9",
                      accounts: ["desk-1", "desk-2"]),
        SessionConfig(name: "wide", apiKey: "account-wide", secret: .environment("UNUSED"), url: "http://127.0.0.1:9",
                      allowCancelAll: true),
    ], requestTimeout: .seconds(2), cancelDeadline: .seconds(120))
    // The deadline is far off: the answers are in memory, and a re-send must not be skipped because a loaded machine
    // was slow to schedule the test (no test here waits for it).
    static let three = ["alpha", "group/desk-1", "group/desk-2"]

    static func desk(_ history: MemoryHistory, _ transport: AnsweringTransport, readOnly: Bool = false) -> Desk {
        Desk(config: config, history: history, transport: transport, nonces: NonceStore(directory: nil),
             identity: operatorIdentity, readOnly: readOnly, secret: { _ in APISecret("not-a-real-secret") })
    }

    static func ids(_ targets: [String]) -> [TargetID] { targets.map { TargetID(parsing: $0)! } }

    /// Every record the cancel streams, in order.
    static func run(_ desk: Desk, _ targets: [String], endpoint: CancelEndpoint = .session) async -> [CancelRecord] {
        var records: [CancelRecord] = []
        for await record in desk.cancel(ids(targets), endpoint: endpoint) { records.append(record) }
        return records
    }

    /// The settled record of each target, by target.
    static func settled(_ records: [CancelRecord]) -> [TargetID: CancelRecord] {
        Dictionary(records.filter { $0.outcome != nil }.map { ($0.target, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func eachIntentIsWrittenBeforeItsRequestLeavesAndTheOutcomeAfter() async {
        let history = MemoryHistory()
        // The exchange answers ok only to a request whose intent is already on record.
        let transport = AnsweringTransport { seen in
            let written = history.rows.contains { $0.target.account == seen.account && $0.outcome == nil }
            return written ? .success(AnsweringTransport.ok(cancelled: [7], rejected: [8])) : .failure(.notSent("no intent on record"))
        }
        let records = await Self.run(Self.desk(history, transport), Self.three)

        #expect(transport.requests.map(\.path) == Array(repeating: "/v1/order/cancel/session", count: 3))
        #expect(Set(transport.requests.map(\.account)) == [nil, "desk-1", "desk-2"])
        #expect(history.calls.filter { $0 == .intents }.count == 1, "one synced write for every intent: \(history.calls)")
        for target in Self.ids(Self.three) {
            let mine = records.filter { $0.target == target }
            #expect(mine.map(\.progress) == [.queued, .sent(attempt: 1), nil], "\(target)")
            #expect(mine.first?.id != nil, "the queued record carries its history row")
            let last = mine.last
            #expect(last?.outcome == .ok)
            #expect(last?.cancelled == [7])
            #expect(last?.rejected == [8])
            #expect(last?.operatorIdentity == Self.operatorIdentity)
            #expect(last?.environment == (target.session == "alpha" ? .production : .sandbox))
            // What the screen draws live is exactly what the history gives back later, but for where this process wrote it.
            #expect(last?.recordedIn == .history)
            #expect(history.rows.first { $0.id == last?.id } == last.map { var r = $0; r.recordedIn = nil; return r })
        }
    }

    /// A desk whose records go to `history`, else to a journal in `directory`.
    static func desk(_ history: MemoryHistory, _ transport: AnsweringTransport, journalIn directory: String) -> Desk {
        let records = RecordKeeper(backend: history, journal: FallbackJournal(directories: [directory], historyPath: "/memory"),
                                   syslog: SyslogSender(socketPath: directory + "/no-syslog"))
        return Desk(config: config, records: records, transport: transport, nonces: NonceStore(directory: nil),
                    identity: operatorIdentity, secret: { _ in APISecret("not-a-real-secret") })
    }

    @Test func anIntentTheHistoryRefusesIsSentAnywayAndJournalled() async throws {
        let directory = try TemporaryDirectory()
        // The history refuses everything, merges included, until the test lets it take writes again.
        let history = MemoryHistory([.intents: .fail, .merge: .fail])
        let transport = AnsweringTransport()
        let desk = Self.desk(history, transport, journalIn: directory.path)
        let records = await Self.run(desk, Self.three)

        #expect(transport.requests.count == 3, "a history that refuses never stops a cancel")
        #expect(history.rows.isEmpty)
        let journal = desk.records.journal
        for target in Self.ids(Self.three) {
            let last = records.last { $0.target == target }
            #expect(last?.outcome == .ok)
            #expect(last?.recordedIn == .journal(path: journal.activePath(in: directory.path)))
            #expect(last?.id == nil)
        }
        // The intent and the outcome of each (a first attempt is recorded with its intent), waiting to be merged.
        #expect(journal.pending().count == 6)
        #expect(desk.records.status.problem != nil)

        history.set(.intents, .answer)
        history.set(.merge, .answer)
        // Merged by this call, or by the keeper's own recovery, which retries every second: either way, once.
        #expect(await desk.records.mergeJournal(within: .seconds(5)) != nil)
        #expect(journal.pending().isEmpty)
        #expect(history.rows.count == 3 && history.rows.allSatisfy { $0.outcome == .ok && $0.attempts == 1 })
    }

    @Test func aStalledIntentWriteHoldsTheRequestsOnlyForTheBound() async throws {
        let directory = try TemporaryDirectory()
        let history = MemoryHistory([.intents: .stall])
        let transport = AnsweringTransport()
        let desk = Self.desk(history, transport, journalIn: directory.path)
        let records = await Self.run(desk, Self.three)

        // The stall never ends before this point: the requests left while the history still had not answered.
        #expect(transport.requests.count == 3, "sent although the history never answered")
        #expect(history.calls.filter { $0 == .intents }.count == 1)
        #expect(Self.settled(records).values.map(\.outcome) == [.ok, .ok, .ok])
        #expect(Self.settled(records).values.allSatisfy { if case .journal = $0.recordedIn { true } else { false } })
        history.release()
    }

    @Test func aStalledOutcomeWriteHoldsBackOnlyTheResult() async {
        let history = MemoryHistory([.outcome: .stall])
        let transport = AnsweringTransport()
        let streamed = Mutex<[CancelRecord]>([])
        let desk = Self.desk(history, transport)
        let running = Task {
            for await record in desk.cancel(Self.ids(["alpha"]), endpoint: .session) { streamed.withLock { $0.append(record) } }
        }
        for await _ in history.stalledCalls { break }
        // The request went and was answered; the result is streamed once it is on disk.
        #expect(transport.requests.count == 1)
        #expect(streamed.withLock { $0 }.map(\.progress) == [.queued, .sent(attempt: 1)])

        history.release()
        await running.value
        #expect(streamed.withLock { $0 }.last?.outcome == .ok)
        #expect(history.rows.map(\.outcome) == [.ok])
    }

    @Test func failedAttemptAndOutcomeWritesDoNotStopTheCancel() async {
        let history = MemoryHistory([.attempt: .fail, .outcome: .fail])
        // The first request of each account meets maintenance (safe to re-send), the second is answered ok.
        let transport = AnsweringTransport { seen in
            .success(seen.index < 3 ? AnsweringTransport.unavailable() : AnsweringTransport.ok())
        }
        let records = await Self.run(Self.desk(history, transport), Self.three)

        #expect(transport.requests.count == 6)
        #expect(history.calls.filter { $0 == .attempt }.count == 3)
        for target in Self.ids(Self.three) {
            let mine = records.filter { $0.target == target }
            #expect(mine.contains { if case .retrying(1, _) = $0.progress { true } else { false } }, "\(target)")
            #expect(mine.last?.outcome == .ok)
            #expect(mine.last?.attempts == 2)
        }
        // The history kept the intents; the outcomes it could not take read as unknown, never ok.
        #expect(history.rows.count == 3)
        #expect(history.rows.allSatisfy { $0.outcome == nil && $0.shownOutcome == .unknown })
    }

    @Test func aRetryAfterIsShownWhileTheCancelWaitsForIt() async {
        // The exchange answers the first request 429 with Retry-After: 1, then ok.
        let transport = AnsweringTransport { seen in
            .success(seen.index == 0
                ? HTTPResponse(status: 429, body: Array(#"{"result":"error","reason":"RateLimit","message":"slow down"}"#.utf8),
                               headers: ["retry-after": "1"])
                : AnsweringTransport.ok())
        }
        let records = await Self.run(Self.desk(MemoryHistory(), transport), ["alpha"])
        #expect(records.map(\.progress).contains(.retrying(attempt: 1, reason: "rate limited; re-sending in 1 s")), "\(records.map(\.progress))")
        #expect(records.last?.outcome == .ok && records.last?.attempts == 2)
    }

    @Test func refusalsAreStreamedAndThoseOfConfiguredSessionsRecorded() async {
        let history = MemoryHistory()
        let transport = AnsweringTransport()
        let desk = Self.desk(history, transport)
        let wide = Self.settled(await Self.run(desk, ["nosuch", "alpha", "wide"], endpoint: .all))
        let session = Self.settled(await Self.run(desk, ["group", "alpha/desk-1"]))

        #expect(wide[TargetID(session: "nosuch")]?.reason == "UnknownTarget")
        #expect(wide[TargetID(session: "alpha")]?.reason == "NotEnabled")
        #expect(wide[TargetID(session: "wide")]?.outcome == .ok)
        #expect(session[TargetID(session: "group")]?.reason == "MissingAccountName")
        #expect(session[TargetID(session: "alpha", account: "desk-1")]?.reason == "AccountsOnGroupOnlyApi")
        #expect(transport.requests.map(\.path) == ["/v1/order/cancel/all"])
        // Refusals of configured sessions are on record with their outcome; an unknown session is not.
        let rows = history.rows
        #expect(rows.map(\.target.description).sorted() == ["alpha", "alpha/desk-1", "group", "wide"])
        #expect(rows.allSatisfy { $0.outcome == ($0.target.session == "wide" ? .ok : .error) })
        let notEnabled = rows.first { $0.target == TargetID(session: "alpha") }
        #expect(notEnabled?.endpoint == .all)
        #expect(notEnabled?.attempts == 0)
        #expect(notEnabled?.latencyMs == 0)
        #expect(notEnabled?.message?.hasSuffix("(nothing was sent)") == true)
        #expect(notEnabled == wide[TargetID(session: "alpha")].map { var r = $0; r.id = notEnabled?.id; r.recordedIn = nil; return r })
    }

    @Test func aReadOnlyDeskSendsAndWritesNothing() async {
        let history = MemoryHistory()
        let transport = AnsweringTransport()
        let records = await Self.run(Self.desk(history, transport, readOnly: true), Self.three)
        #expect(records.map(\.reason) == ["ReadOnly", "ReadOnly", "ReadOnly"])
        #expect(records.allSatisfy { $0.outcome == .error })
        #expect(transport.requests.isEmpty)
        #expect(history.calls.isEmpty)
    }

    @Test func cancelAndWaitGivesOneSettledRecordPerTargetInOrder() async {
        let history = MemoryHistory()
        let transport = AnsweringTransport()
        let seen = Mutex(0)
        let results = await Self.desk(history, transport).cancelAndWait(Self.ids(["group/desk-2", "alpha", "group/desk-2"]),
                                                                        endpoint: .session) { _ in seen.withLock { $0 += 1 } }
        #expect(results.map(\.target.description) == ["group/desk-2", "alpha"])
        #expect(results.allSatisfy { $0.outcome == .ok && $0.progress == nil })
        #expect(transport.requests.count == 2)
        #expect(seen.withLock { $0 } == 6, "queued, sent and settled for each target")
    }

    @Test func anUnreadableHistoryGivesNoLastResultsAndSaysWhy() async {
        let history = MemoryHistory([.read: .fail])
        let desk = Self.desk(history, AnsweringTransport())
        #expect(await desk.lastResults().isEmpty)
        await #expect(throws: MemoryHistory.Refused(call: .read)) { try await desk.history(HistoryFilter()) }
    }
}
