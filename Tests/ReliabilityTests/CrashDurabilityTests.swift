import DeskCore
import Foundation
import GeminiClient
import SimulatedExchange
import TestSupport
import Testing

extension Reliability {
    /// Item 2: `kill -9` at random points of a panic, many times over; then the history must open, pass an integrity check,
    /// hold every request the exchange saw, and claim nothing the exchange did not answer.
    @Suite struct CrashDurability {
        /// Where in a panic a kill landed, judged afterwards from what the history and the exchange hold.
        enum Point: String, CaseIterable {
            case beforeIntent = "before the intent"
            case betweenIntentAndSend = "between intent and send"
            case duringRequest = "during the request"
            case afterAnswer = "after the answer, before its outcome was written"
            case finished = "after the outcome was written"
        }

        /// The exchange's name for a target: its key and the payload's account.
        static let targetsByKey: [String: String] = [
            "account-alpha0001": "alpha", "account-viewer0003": "viewer", "account-hb000004": "hb", "account-faulty005": "faulty",
        ]

        static func target(of request: RequestRecord) -> TargetID? {
            if request.apiKey == "master-group0002" { return TargetID(session: "group", account: request.account) }
            return request.apiKey.flatMap { targetsByKey[$0] }.map { TargetID(session: $0) }
        }

        static let latency = 50

        @Test func killedPanicsLeaveAnHonestHistory() async throws {
            let fixture = try await DeskFixture(scenario: DeskFixture.scenario(latency: Self.latency))
            defer { Task { await fixture.tearDown() } }
            // One 500 in every few answers, so some targets are on a second attempt when the kill comes.
            let panics = Scale.count("PANICS", ci: 30, torture: 100)
            var generator = SeededGenerator(seed: Scale.seed)
            let arguments = ["--config", fixture.configPath, "--history", fixture.historyPath, "cancel", "--all", "--yes", "--json"]

            // Calibrate: how long after start the first cancel reaches the exchange, and when a whole panic is over.
            let calibration = Date()
            let whole = try await GDeskBinary.run(arguments, environment: fixture.environment, in: fixture.directory)
            let calibrated = fixture.exchange.requests.filter { $0.path == "/v1/order/cancel/session" }.map { $0.arrival.timeIntervalSince(calibration) }
            let firstArrival = try #require(calibrated.min())
            let lastAnswer = calibrated.max()! + Double(Self.latency) / 1000
            #expect(whole.status == 2, "viewer has no Trader role; everything else is ok: \(whole.stderr)")
            // Start-up time varies by tens of milliseconds, so most kills are timed from the moment the intents are on
            // disk (the history's write-ahead log changes): a fifth fall in start-up, timed from the process's start; a
            // fifth within 2 ms of the intents (before or while the requests leave); a fifth while they are out; the
            // rest around the answers (the exchange answers after its latency) and the outcomes' write.
            let startUp = (0.2 * firstArrival)...max(0.2 * firstArrival, firstArrival - 0.01)
            let latency = Double(Self.latency) / 1000
            let inFlight = 0.002...(latency - 0.005)
            let aroundAnswer = (latency - 0.005)...(lastAnswer - firstArrival + 0.03)
            let window = (from: startUp.lowerBound, to: lastAnswer + 0.03)

            var runs: [(start: Date, kill: Date, exited: Bool)] = []
            var nextOrder: UInt64 = 10_000
            for index in 0..<panics {
                let keys = ["account-alpha0001", "account-viewer0003", "account-hb000004", "account-faulty005"]
                var orders = keys.map { SimOrder(id: nextOrder + UInt64(keys.firstIndex(of: $0)!), apiKey: $0) }
                orders += ["primary", "desk-2", "desk-3"].enumerated().map {
                    SimOrder(id: nextOrder + 4 + UInt64($0.offset), apiKey: "master-group0002", account: $0.element)
                }
                nextOrder += 10
                fixture.exchange.addOrders(orders)
                fixture.exchange.setFault(index % 3 == 0 ? FaultRule(fault: .internalError, remaining: 1) : nil, forKey: "account-faulty005")

                let pick = Double.random(in: 0..<1, using: &generator)
                let wal = Self.walSignature(fixture.historyPath)
                let start = Date()
                let process = try Self.start(arguments, fixture: fixture, index: index)
                if pick < 0.2 {
                    try await Task.sleep(for: .microseconds(Int(Double.random(in: startUp, using: &generator) * 1_000_000)))
                } else {
                    let delay = Double.random(in: pick < 0.4 ? 0...0.002 : pick < 0.6 ? inFlight : aroundAnswer, using: &generator)
                    let history = fixture.historyPath
                    try await OffPool.run {
                        // The intents' commit changes the log; then the chosen delay.
                        let give = Date().addingTimeInterval(3)
                        while Self.walSignature(history) == wal, process.isRunning, Date() < give { usleep(100) }
                        usleep(useconds_t(delay * 1_000_000))
                    }
                }
                let kill = Date()
                let exited = !process.isRunning
                if !exited { process.kill(SIGKILL) }
                _ = await process.wait()
                runs.append((start, kill, exited))
                // Let answers already on their way arrive before the next panic starts.
                try await Task.sleep(for: .milliseconds(Self.latency + 100))
            }

            // The database opens (a fresh open runs the migrations and recovers the WAL) and is intact.
            let store = try HistoryStore(path: fixture.historyPath)
            #expect(try await store.integrityCheck())
            let entries = try await store.entries(HistoryFilter(limit: 1_000_000))
            let requests = fixture.exchange.requests.filter { $0.path == "/v1/order/cancel/session" }

            var points: [Point: Int] = [:]
            var problems: [String] = []
            var rowsByOutcome: [String: Int] = [:]
            for (index, run) in runs.enumerated() {
                let end = index + 1 < runs.count ? runs[index + 1].start : Date.distantFuture
                let rows = entries.filter { $0.time >= run.start && $0.time < end }
                let seen = requests.filter { $0.arrival >= run.start && $0.arrival < end }
                for row in rows { rowsByOutcome[row.outcome?.rawValue ?? "none (unknown)", default: 0] += 1 }

                // Every request the exchange saw is in the history, as ok, error or unknown (no outcome).
                for request in seen {
                    guard let target = Self.target(of: request) else { continue }
                    let matching = rows.filter { $0.target == target }
                    if matching.count != 1 { problems.append("run \(index): \(matching.count) rows for \(target), which the exchange saw") }
                }
                for row in rows {
                    let mine = seen.filter { Self.target(of: $0) == row.target }
                    // Each request left after its attempt was recorded (attempt 1 with the intent).
                    if mine.count > max(1, row.attempts) {
                        problems.append("run \(index): \(row.target) reached the exchange \(mine.count) times, \(row.attempts) attempts recorded")
                    }
                    switch row.outcome {
                    case .ok?:
                        // ok only with the exchange's ok, and exactly the orders it named.
                        let answered = mine.filter { $0.status == 200 && $0.reason == nil }
                        if answered.isEmpty { problems.append("run \(index): \(row.target) recorded ok without an ok answer") }
                        if !answered.contains(where: { $0.cancelled == row.cancelled && $0.rejected == row.rejected }) {
                            problems.append("run \(index): \(row.target) recorded orders the exchange did not name")
                        }
                    case .error?:
                        // error means nothing was done: the exchange acted on none of the target's requests, and said why.
                        if mine.contains(where: \.applied) { problems.append("run \(index): \(row.target) recorded error but the exchange acted") }
                        if let reason = row.reason, !["NotSent", "Refused"].contains(reason),
                           !mine.contains(where: { $0.reason == reason }) {
                            problems.append("run \(index): \(row.target) recorded \(reason), which the exchange did not answer")
                        }
                    case .unknown?, nil:
                        break
                    }
                }
                points[Self.point(run.kill, exited: run.exited, rows: rows, requests: seen), default: 0] += 1
            }
            #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")

            // Still usable afterwards: a panic runs to its end, and the history lists the killed ones as unknown.
            let after = try await fixture.cancelJSON(["--all"])
            #expect(after.1.count == 7 && after.1.filter { $0.outcome == "ok" }.count == 6, "\(after.0.stderr)")
            let listed = try await fixture.historyJSON(["--limit", "100000"])
            #expect(listed.count == entries.count + 7)

            let spread = Point.allCases.map { "\($0.rawValue) \(points[$0] ?? 0)" }.joined(separator: ", ")
            let outcomes = rowsByOutcome.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            #expect(SecretAudit.leaks(in: fixture.directory).isEmpty, "\(SecretAudit.leaks(in: fixture.directory))")
            Report.note("crash", "\(panics) panics of 7 targets killed with SIGKILL \(Int(window.from * 1000))–\(Int(window.to * 1000)) ms "
                            + "after start (seed \(Scale.seed)); kills landed: \(spread); \(entries.count) rows (\(outcomes)); "
                            + "\(requests.count) requests at the exchange; integrity ok; \(problems.count) problems")
        }

        /// Where the kill at `kill` landed in this run.
        static func point(_ kill: Date, exited: Bool, rows: [CancelRecord], requests: [RequestRecord]) -> Point {
            if rows.isEmpty { return .beforeIntent }
            if exited || rows.allSatisfy({ $0.outcome != nil }) { return .finished }
            guard let first = requests.map(\.arrival).min() else { return .betweenIntentAndSend }
            if kill < first { return .betweenIntentAndSend }
            let lastAnswer = requests.map(\.arrival).max()!.addingTimeInterval(Double(latency) / 1000)
            return kill < lastAnswer ? .duringRequest : .afterAnswer
        }

        /// The size and change time of the history's write-ahead log: a commit changes them.
        static func walSignature(_ history: String) -> [Int] {
            var info = stat()
            guard stat(history + "-wal", &info) == 0 else { return [] }
            return [Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
        }

        /// Starts gdesk without waiting for it.
        static func start(_ arguments: [String], fixture: DeskFixture, index: Int) throws -> ChildProcess {
            try ChildProcess.start(GDeskBinary.path, arguments, environment: fixture.environment.merging(["PATH": "/usr/bin:/bin"]) { a, _ in a },
                                   directory: fixture.directory)
        }
    }
}
