import Foundation
import GeminiClient
import HTTPTypes
import Logging
import NIOSSL
import Synchronization
import WSClient

/// The stream for the sidecar's life: connects with a fresh nonce each time, turns frames into monitor lines, and
/// reconnects after a `socket_sequence` gap (at once), a stale or closed stream, or a refused upgrade (with a backoff
/// from 200 ms to 5 s). Every (re)connection is followed by a new snapshot.
struct OrderEventsStream: Sendable {
    let options: MonitorOptions
    let credentials: Credentials
    let nonces: NonceStore
    let output: LineOutput

    /// How a connection ended.
    enum End: Sendable {
        case gap
        case stale
        case closed(String)
    }

    func run() async {
        var connection = 0
        var backoff = Duration.milliseconds(200)
        while true {
            connection += 1
            let tracker = ConnectionTracker()
            let end = await connect(number: connection, tracker: tracker)
            switch end {
            case .gap:
                backoff = .milliseconds(200)
                continue
            case .stale:
                output.emit(.down(reason: "no frame for \(options.staleAfter.milliseconds) ms (heartbeats stopped)"))
            case .closed(let reason):
                output.emit(.down(reason: reason))
            }
            if tracker.snapshotSent { backoff = .milliseconds(200) }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(5))
        }
    }

    /// One connection, from the signed upgrade to its end.
    private func connect(number: Int, tracker: ConnectionTracker) async -> End {
        let lease = await nonces.lease(apiKey: credentials.apiKey, unit: options.nonceUnit, count: 1)
        defer { lease.release() }
        // A time-based key may have no nonce left in this second's window: try again after the backoff.
        guard lease.count > 0 else { return .closed("no nonce available now for this time-based key") }
        var configuration = WebSocketClientConfiguration(maxFrameSize: options.maxFrameBytes, closeTimeout: .seconds(1))
        for (name, value) in OrderEventsEndpoint.upgradeHeaders(nonce: lease.first, credentials: credentials) {
            if let field = HTTPField.Name(name) { configuration.additionalHeaders[field] = value }
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile = options.caFile {
            if options.caFileOnly { tls.trustRoots = .file(caFile) } else { tls.additionalTrustRoots = [.file(caFile)] }
        }
        let logger = Logger(label: "gdesk-monitor", factory: { _ in SwiftLogNoOpLogHandler() })
        let frames = FrameReader(connection: number, output: output, tracker: tracker)
        let staleAfter = options.staleAfter
        let maxFrameBytes = options.maxFrameBytes
        let client = WebSocketClient(url: options.url, configuration: configuration, tlsConfiguration: tls, logger: logger) { inbound, outbound, _ in
            // The upgrade was accepted: the nonce has reached the exchange, the key's next nonce may be taken.
            lease.release()
            let end = await withTaskGroup(of: End?.self) { group in
                group.addTask {
                    do {
                        for try await message in inbound.messages(maxSize: maxFrameBytes) {
                            tracker.touch()
                            guard case .text(let text) = message else { continue }
                            if let end = frames.read(Array(text.utf8)) { return end }
                        }
                        return .closed("the exchange closed the stream")
                    } catch {
                        return .closed("stream error: \(error)")
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: staleAfter / 4)
                        if tracker.quietFor > staleAfter { return .stale }
                    }
                    return nil
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                return first
            }
            tracker.finish(end ?? .closed("stream ended"))
            try? await outbound.close(.normalClosure, reason: nil)
        }
        do {
            try await client.run()
        } catch {
            tracker.finish(.closed("cannot connect or upgrade refused: \(error)"))
        }
        return tracker.end ?? .closed("the exchange closed the stream")
    }
}

/// What one connection has seen, shared between its reader, its watchdog and the loop.
final class ConnectionTracker: Sendable {
    private struct State {
        var lastFrame = ContinuousClock.now
        var end: OrderEventsStream.End?
        var snapshotSent = false
    }
    private let state = Mutex(State())

    func touch() { state.withLock { $0.lastFrame = .now } }
    var quietFor: Duration { .now - state.withLock { $0.lastFrame } }
    func finish(_ end: OrderEventsStream.End) { state.withLock { if $0.end == nil { $0.end = end } } }
    var end: OrderEventsStream.End? { state.withLock { $0.end } }
    func snapshotDone() { state.withLock { $0.snapshotSent = true } }
    var snapshotSent: Bool { state.withLock { $0.snapshotSent } }
}
