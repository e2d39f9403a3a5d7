import Foundation

/// One line the `gdesk-monitor` sidecar prints on its standard output: a JSON object whose `kind` says what it is.
///
/// ```
/// {"kind":"connected","connection":1}
/// {"kind":"snapshot","connection":1,"orders":[{"type":"initial","order_id":900,…}]}
/// {"kind":"event","event":{"type":"accepted","order_id":901,…}}
/// {"kind":"heartbeat","timestampms":1700000005000}
/// {"kind":"gap","expected":4,"got":5}
/// {"kind":"down","reason":"connection refused"}
/// ```
/// A snapshot replaces everything known: it follows every (re)connection. Lines carry no secret.
public enum MonitorLine: Sendable, Equatable {
    /// The subscription was acknowledged on connection number `connection` (1, 2, … over the sidecar's life).
    case connected(connection: Int)
    /// The orders live when the subscription started (`initial` events), complete.
    case snapshot(connection: Int, orders: [OrderEvent])
    /// A live event, in exchange order.
    case event(OrderEvent)
    /// The stream's heartbeat: it is alive.
    case heartbeat(timestampms: UInt64?)
    /// `socket_sequence` skipped from `expected` to `got`: the sidecar reconnects and a new snapshot follows.
    case gap(expected: UInt64, got: UInt64)
    /// No stream: it could not connect, was refused, went quiet or closed. The sidecar keeps trying.
    case down(reason: String)

    /// The line's JSON, without the newline.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(Wire(self))) ?? Data("{\"kind\":\"down\",\"reason\":\"unencodable line\"}".utf8))
    }

    /// Reads one line; nil when it is not a monitor line.
    public static func decode(_ line: some Collection<UInt8>) -> MonitorLine? {
        guard let wire = try? JSONDecoder().decode(Wire.self, from: Data(line)) else { return nil }
        return wire.line
    }

    private struct Wire: Codable {
        var kind: String
        var connection: Int?
        var orders: [OrderEvent]?
        var event: OrderEvent?
        var timestampms: UInt64?
        var expected: UInt64?
        var got: UInt64?
        var reason: String?

        init(_ line: MonitorLine) {
            switch line {
            case .connected(let connection): kind = "connected"; self.connection = connection
            case .snapshot(let connection, let orders): kind = "snapshot"; self.connection = connection; self.orders = orders
            case .event(let event): kind = "event"; self.event = event
            case .heartbeat(let timestampms): kind = "heartbeat"; self.timestampms = timestampms
            case .gap(let expected, let got): kind = "gap"; self.expected = expected; self.got = got
            case .down(let reason): kind = "down"; self.reason = reason
            }
        }

        var line: MonitorLine? {
            switch kind {
            case "connected": connection.map { .connected(connection: $0) }
            case "snapshot": connection.map { .snapshot(connection: $0, orders: orders ?? []) }
            case "event": event.map { .event($0) }
            case "heartbeat": .heartbeat(timestampms: timestampms)
            case "gap": expected.flatMap { e in got.map { .gap(expected: e, got: $0) } }
            case "down": .down(reason: reason ?? "")
            default: nil
            }
        }
    }
}
