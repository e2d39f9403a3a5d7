#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Drains a child's standard output and standard error together (so neither pipe fills and blocks the child),
// until both reach end of file or a deadline passes. Keeps at most a limit of each; reads and drops the rest.
struct CommandOutputCollector {
    let output: Int32
    let errors: Int32
    let outputLimit: Int
    let errorLimit: Int
    private(set) var outputBytes: [UInt8] = []
    private(set) var errorBytes: [UInt8] = []

    init(output: Int32, errors: Int32, outputLimit: Int, errorLimit: Int) {
        self.output = output
        self.errors = errors
        self.outputLimit = outputLimit
        self.errorLimit = errorLimit
    }

    // Reads until both pipes are at end of file (true) or `deadline` passes (false).
    mutating func collect(until deadline: ContinuousClock.Instant) -> Bool {
        var open: [Int32] = [output, errors]
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !open.isEmpty {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return false }
            let (seconds, attoseconds) = remaining.components
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)

            var descriptors = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                return false
            }
            for descriptor in descriptors where descriptor.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptor.fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 {
                    open.removeAll { $0 == descriptor.fd }
                    continue
                }
                append(buffer[0..<count], from: descriptor.fd)
            }
        }
        return true
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>, from descriptor: Int32) {
        if descriptor == output {
            outputBytes.append(contentsOf: bytes.prefix(max(0, outputLimit - outputBytes.count)))
        } else {
            errorBytes.append(contentsOf: bytes.prefix(max(0, errorLimit - errorBytes.count)))
        }
    }
}
