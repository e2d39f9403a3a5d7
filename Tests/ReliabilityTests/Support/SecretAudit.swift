import Foundation
import Synchronization
import TestSupport

/// Looks for the fixture's secrets where they must never be: files gdesk wrote (history, its WAL, logs), captured
/// screens, and the command lines of running processes.
enum SecretAudit {
    static var secrets: [String] { DeskFixture.allSecrets }

    /// The secret shown by its first characters only, for messages.
    static func masked(_ secret: String) -> String { String(secret.prefix(4)) + "…" }

    /// Every file under `directory` (its `secrets/` folder and the config aside: they hold or name the secrets on purpose)
    /// that contains a secret, with the secret masked.
    static func leaks(in directory: String) -> [String] {
        let files = (try? FileManager.default.subpathsOfDirectory(atPath: directory)) ?? []
        var found: [String] = []
        for file in files where !file.hasPrefix("secrets") && file != "config.toml" {
            guard let data = FileManager.default.contents(atPath: directory + "/" + file) else { continue }
            for secret in secrets where data.range(of: Data(secret.utf8)) != nil {
                found.append("\(file) holds \(masked(secret))")
            }
        }
        return found
    }

    /// The files of `directory` that were looked at (for the report).
    static func fileCount(in directory: String) -> Int {
        ((try? FileManager.default.subpathsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix("secrets") }.count
    }
}

/// Reads every process's command line (`/proc/PID/cmdline`) every few milliseconds while it runs, and keeps any that
/// holds a secret.
final class ArgumentSampler: @unchecked Sendable {
    private struct State {
        var running = true
        var hits: [String] = []
        var gdeskProcesses = Set<Int32>()
        var sweeps = 0
    }

    private let state = Mutex(State())
    private let secrets: [Data] = SecretAudit.secrets.map { Data($0.utf8) }
    private let finished = Mutex(false)

    init(interval: Duration = .milliseconds(5)) {
        let thread = Thread { [self] in
            while state.withLock({ $0.running }) {
                sweep()
                Thread.sleep(forTimeInterval: Double(interval.milliseconds) / 1000)
            }
            finished.withLock { $0 = true }
        }
        thread.start()
    }

    private func sweep() {
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
        var hits: [String] = []
        var gdesk: [Int32] = []
        for pid in pids {
            guard let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !line.isEmpty else { continue }
            if line.starts(with: Data(GDeskBinary.path.utf8)) { gdesk.append(pid) }
            for (index, secret) in secrets.enumerated() where line.range(of: secret) != nil {
                let words = String(decoding: line.prefix(80), as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
                hits.append("pid \(pid) (\(words)…) has \(SecretAudit.masked(SecretAudit.secrets[index])) in its arguments")
            }
        }
        state.withLock {
            $0.hits += hits
            $0.gdeskProcesses.formUnion(gdesk)
            $0.sweeps += 1
        }
    }

    /// Stops sampling; what was seen.
    func stop() -> (hits: [String], gdeskProcesses: Int, sweeps: Int) {
        state.withLock { $0.running = false }
        while !finished.withLock({ $0 }) { usleep(1000) }
        return state.withLock { ($0.hits, $0.gdeskProcesses.count, $0.sweeps) }
    }
}
