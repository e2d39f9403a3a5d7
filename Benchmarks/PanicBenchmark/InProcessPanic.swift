// The panic path in one process (no terminal, no process start) against the simulated exchange on loopback:
// medians and ratios. `gdesk-bench panic [--runs N] [--latency MS]` (also the default mode).
import DeskCore
import Foundation
import GeminiClient
import SimulatedExchange

func runInProcessPanic(runs: Int, latency: Int) async throws {
    let setup = try await BenchSetup(accountKeys: 50, subaccounts: 20, latency: latency)
    defer { setup.tearDown() }
    let accountTargets = (0..<50).map { TargetID(session: "acct-\($0)") }
    let masterTargets = (0..<20).map { TargetID(session: "master", account: "sub-\($0)") }

    await setup.desk.warmUp()
    let warmConnections = setup.exchange.connectionsAccepted

    var single: [Duration] = [], parallel: [Duration] = [], oneByOne: [Duration] = [], master: [Duration] = []
    for _ in 0..<runs {
        setup.replenish()
        single.append(await setup.time([accountTargets[0]]))
        setup.replenish()
        parallel.append(await setup.time(accountTargets))
        setup.replenish()
        var sequential = Duration.zero
        for target in accountTargets { sequential += await setup.time([target]) }
        oneByOne.append(sequential)
        setup.replenish()
        master.append(await setup.time(masterTargets))
    }
    let newConnections = setup.exchange.connectionsAccepted - warmConnections
    let invalidNonces = setup.exchange.requests.filter { $0.reason == "InvalidNonce" }.count

    func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }
    func ms(_ d: Duration) -> String { String(format: "%.1f ms", Double(d.milliseconds) + Double(d.components.attoseconds % 1_000_000_000_000_000) / 1e15) }
    let base = median(single)
    func ratio(_ d: Duration) -> String { String(format: "%.2fx", Double(d / base)) }

    print("panic benchmark: simulated exchange on loopback, \(latency) ms latency, median of \(runs) runs (history on disk, synced)")
    print("  one target, one request            \(ms(median(single)))  1.00x")
    print("  50 targets in parallel             \(ms(median(parallel)))  \(ratio(median(parallel)))")
    print("  50 targets one by one              \(ms(median(oneByOne)))  \(ratio(median(oneByOne)))")
    print("  master key, 20 subaccounts         \(ms(median(master)))  \(ratio(median(master)))")
    print("  parallel vs one by one             \(String(format: "%.1fx faster", Double(median(oneByOne) / median(parallel))))")
    print("  connections opened after warm-up   \(newConnections)  (warm-up opened \(warmConnections))")
    print("  InvalidNonce answers               \(invalidNonces)")
    print("  targets not ok                     \(setup.notOK)")
}
