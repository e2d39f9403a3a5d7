import GeminiClient

/// The sidecar's command line. It carries no credential: the API key and its secret arrive on standard input.
///
/// `gdesk-monitor --url ws[s]://HOST[:PORT]/v1/order/events?heartbeat=true [--nonce-dir DIR] [--nonce-unit ms|us|s]
/// [--ca-file PEM | --ca-file-only PEM] [--stale-after-ms N] [--max-frame-bytes N]`
struct MonitorOptions {
    var url = ""
    var nonceDirectory: String?
    var nonceUnit = NonceUnit.milliseconds
    var caFile: String?
    /// Trust `caFile` alone, not also the system's roots.
    var caFileOnly = false
    /// No frame (heartbeats come every 5 s) for this long: the stream is stale, reconnect.
    var staleAfter = Duration.seconds(15)
    /// The `initial` snapshot arrives as one array: frames up to this size are read.
    var maxFrameBytes = 16 << 20

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    init(arguments: [String]) throws(Invalid) {
        var rest = arguments[...]
        func value(_ name: String) throws(Invalid) -> String {
            guard let next = rest.popFirst() else { throw Invalid(description: "\(name) needs a value") }
            return next
        }
        func number(_ name: String) throws(Invalid) -> Int {
            let text = try value(name)
            guard let n = Int(text), n > 0 else { throw Invalid(description: "\(name): \"\(text)\" is not a positive whole number") }
            return n
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--url": url = try value(argument)
            case "--nonce-dir": nonceDirectory = try value(argument)
            case "--nonce-unit":
                let text = try value(argument)
                guard let unit = NonceUnit(rawValue: text) else { throw Invalid(description: "--nonce-unit: expected ms, us or s") }
                nonceUnit = unit
            case "--ca-file": caFile = try value(argument)
            case "--ca-file-only":
                caFile = try value(argument)
                caFileOnly = true
            case "--stale-after-ms": staleAfter = .milliseconds(try number(argument))
            case "--max-frame-bytes": maxFrameBytes = try number(argument)
            default: throw Invalid(description: "unknown argument \(argument)")
            }
        }
        guard url.hasPrefix("ws://") || url.hasPrefix("wss://") else {
            throw Invalid(description: "--url must be a ws:// or wss:// URL of /v1/order/events")
        }
    }
}
