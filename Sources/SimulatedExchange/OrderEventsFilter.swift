import Foundation

/// The allow-lists of an order events subscription, from the upgrade URL's query (`symbolFilter`,
/// `apiSessionFilter`, `eventTypeFilter`, each repeatable) and `heartbeat`. An empty list allows everything.
struct OrderEventsFilter: Sendable, Equatable {
    var symbols: [String] = []
    var apiSessions: [String] = []
    var eventTypes: [String] = []
    var heartbeat = false

    init(query: String) {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "symbolFilter": symbols.append(parts[1].lowercased())
            case "apiSessionFilter": apiSessions.append(parts[1])
            case "eventTypeFilter": eventTypes.append(parts[1])
            case "heartbeat": heartbeat = parts[1] == "true"
            default: break
            }
        }
    }

    /// Whether the subscription receives `event`.
    func allows(_ event: SimOrderEvent) -> Bool {
        (symbols.isEmpty || symbols.contains(event.order.symbol))
            && (apiSessions.isEmpty || apiSessions.contains(event.order.apiKey))
            && (eventTypes.isEmpty || eventTypes.contains(event.kind.rawValue))
    }

    /// The filters as `subscription_ack` echoes them.
    var acknowledged: [(String, JSONValue)] {
        [("symbolFilter", .array(symbols.map { .string($0) })), ("apiSessionFilter", .array(apiSessions.map { .string($0) })),
         ("eventTypeFilter", .array(eventTypes.map { .string($0) }))]
    }
}
