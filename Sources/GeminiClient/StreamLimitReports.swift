/// The server stream limits libcurl mentions in its debug text, from the transport thread to its loop.
final class StreamLimitReports: @unchecked Sendable {
    private var seen: [(String, Int)] = []

    func add(origin: String, streams: Int) { seen.append((origin, streams)) }

    func take() -> [(String, Int)] {
        defer { seen.removeAll(keepingCapacity: true) }
        return seen
    }

    /// libcurl 7.88 says "MAX_CONCURRENT_STREAMS reached, skip (N)" when a connection is full at the server's limit N
    /// and it looks for (or opens) another.
    static func limit(in data: UnsafeMutablePointer<CChar>, count: Int) -> Int? {
        let prefix = Array("MAX_CONCURRENT_STREAMS reached, skip (".utf8)
        guard count > prefix.count else { return nil }
        return data.withMemoryRebound(to: UInt8.self, capacity: count) { bytes -> Int? in
            for (index, byte) in prefix.enumerated() where bytes[index] != byte { return nil }
            var value = 0
            var index = prefix.count
            while index < count, bytes[index] >= 48, bytes[index] <= 57 {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
            }
            return index > prefix.count && index < count && bytes[index] == 41 ? value : nil
        }
    }
}
