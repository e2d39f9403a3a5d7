import Foundation

/// How hard the reliability tests push: CI sizes by default, the long runs with `GDESK_TORTURE=1` (`scripts/torture`).
///
/// Each count can also be set on its own: `GDESK_TORTURE_PANICS=500` overrides the crash test's number of panics.
enum Scale {
    static let environment = ProcessInfo.processInfo.environment
    static let torture = environment["GDESK_TORTURE"].map { !$0.isEmpty && $0 != "0" } ?? false

    /// `ci` in CI, `torture` under `GDESK_TORTURE`, or the value of `GDESK_TORTURE_<name>`.
    static func count(_ name: String, ci: Int, torture full: Int) -> Int {
        if let text = environment["GDESK_TORTURE_\(name)"], let value = Int(text), value > 0 { return value }
        return torture ? full : ci
    }

    /// The seed of every generator, so that a run can be repeated: `GDESK_SEED`, else a fixed one.
    static let seed: UInt64 = environment["GDESK_SEED"].flatMap { UInt64($0) } ?? 20_251_121
}

/// Figures for `docs/RELIABILITY.md`: printed, and appended to `GDESK_RELIABILITY_REPORT` when set (`scripts/torture`).
enum Report {
    private static let lock = NSLock()

    static func note(_ item: String, _ line: String) {
        let text = "[\(item)] \(line)"
        lock.withLock {
            print(text)
            guard let path = Scale.environment["GDESK_RELIABILITY_REPORT"] else { return }
            if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
            if let handle = FileHandle(forWritingAtPath: path) {
                handle.seekToEndOfFile()
                handle.write(Data((text + "\n").utf8))
                handle.closeFile()
            }
        }
    }
}

/// SplitMix64: small, fast and the same sequence for the same seed on every platform.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
