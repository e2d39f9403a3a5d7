import Foundation

/// One item of the order events stream: a frame is a lone object (the ack, a heartbeat) or an array of events.
public enum OrderEventsItem: Sendable, Equatable {
    /// `subscription_ack`: the subscription is in place; the items after it are numbered from 0.
    case acknowledged
    /// `heartbeat`, sent every 5 s.
    case heartbeat(sequence: UInt64, timestampms: UInt64?)
    /// An order event.
    case order(OrderEvent, sequence: UInt64)
    /// An item gdesk does not read (an unknown type), still numbered.
    case other(type: String, sequence: UInt64?)

    /// `socket_sequence`; nil for the ack.
    public var sequence: UInt64? {
        switch self {
        case .acknowledged: nil
        case .heartbeat(let sequence, _), .order(_, let sequence): sequence
        case .other(_, let sequence): sequence
        }
    }
}

/// Reads the text frames of Gemini's legacy order events stream.
public enum OrderEventsFrame {
    /// Why a frame could not be read.
    public struct Unreadable: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The items of one frame, in order. `order_id` may be a string (documented) or a bare number (seen).
    public static func items(_ text: some Collection<UInt8>) throws(Unreadable) -> [OrderEventsItem] {
        let data = Data(text)
        let raws: [Raw]
        let first = text.first { ![UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains($0) }
        do {
            raws = first == UInt8(ascii: "[") ? try JSONDecoder().decode([Raw].self, from: data) : [try JSONDecoder().decode(Raw.self, from: data)]
        } catch {
            throw Unreadable(description: "not an order events frame: \(ResponseParser.snippet(Array(data)))")
        }
        var items: [OrderEventsItem] = []
        for raw in raws {
            switch raw.type {
            case "subscription_ack":
                items.append(.acknowledged)
            case "heartbeat":
                guard let sequence = raw.socket_sequence else { throw Unreadable(description: "heartbeat without socket_sequence") }
                items.append(.heartbeat(sequence: sequence, timestampms: raw.timestampms?.value))
            default:
                guard let kind = OrderEvent.Kind(rawValue: raw.type), let id = raw.order_id?.value else {
                    items.append(.other(type: raw.type, sequence: raw.socket_sequence))
                    continue
                }
                guard let sequence = raw.socket_sequence else { throw Unreadable(description: "\(raw.type) without socket_sequence") }
                let live = raw.is_live ?? (kind == .initial || kind == .accepted || kind == .booked)
                items.append(.order(OrderEvent(kind: kind, orderID: id, apiSession: raw.api_session, account: raw.account_name,
                                               symbol: raw.symbol, side: raw.side, price: raw.price?.text,
                                               remaining: raw.remaining_amount?.text, isLive: live,
                                               timestampms: raw.timestampms?.value), sequence: sequence))
            }
        }
        return items
    }

    private struct Raw: Decodable {
        var type: String
        var socket_sequence: UInt64?
        var order_id: FlexibleUInt64?
        var api_session: String?
        var account_name: String?
        var symbol: String?
        var side: String?
        var price: Amount?
        var remaining_amount: Amount?
        var is_live: Bool?
        var timestampms: FlexibleUInt64?
    }

    /// A decimal amount as Gemini writes it (a string), or a bare number.
    private struct Amount: Decodable {
        var text: String
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) { text = s } else { text = String(describing: try c.decode(Decimal.self)) }
        }
    }
}

/// Checks that `socket_sequence` starts at 0 after the ack and rises by one per item, heartbeats included.
public struct OrderEventsSequencer: Sendable {
    /// The sequence the next item must carry.
    public private(set) var expected: UInt64 = 0

    public init() {}

    /// Takes one item's sequence; returns the gap when it is not the one expected (the stream must be resynced).
    public mutating func accept(_ sequence: UInt64) -> (expected: UInt64, got: UInt64)? {
        defer { expected = sequence &+ 1 }
        return sequence == expected ? nil : (expected, sequence)
    }
}
