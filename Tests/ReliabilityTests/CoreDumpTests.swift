import Foundation
import TestSupport
import Testing

extension Reliability {
    /// Issue 9 item 8: once its secrets are loaded, gdesk cannot dump core (limit 0) and is not dumpable, so no core
    /// file and no other process of the operator's can read the secrets from its memory. Shown on the real front end run
    /// as an ordinary user: the kernel then gives the process's /proc files to root, which it does only for
    /// undumpable processes (as root, everything there is root's anyway).
    @Suite struct CoreDumps {
        @Test func theFrontEndHoldingSecretsIsNotDumpable() async throws {
            guard let user = try SecondUser.ensure() else { return }
            let fixture = try await DeskFixture()
            defer { Task { await fixture.tearDown() } }
            try user.own(fixture.directory)
            let tmux = try await TmuxSession(command: user.command([GDeskBinary.path, "--config", fixture.configPath,
                                                                    "--history", fixture.historyPath, "ui"]),
                                             environment: fixture.environment.merging(["LANG": "C.UTF-8"]) { a, _ in a },
                                             directory: fixture.directory, width: 120, height: 40)
            try await tmux.waitFor("faulty")
            let pid = try #require(Self.process(runningWith: fixture.configPath), "the front end's process")
            let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
            let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
            var info = stat()
            stat("/proc/\(pid)/status", &info)
            await tmux.killServer()
            let uidLine = status.split(separator: "\n").first { $0.hasPrefix("Uid:") }.map(String.init) ?? ""
            #expect(uidLine.split(separator: "\t").dropFirst().first.map(String.init) == "\(user.uid)", "runs as \(SecondUser.name): \(uidLine)")
            let core = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }.map(String.init) ?? ""
            #expect(core.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).prefix(2) == ["0", "0"], "\(core)")
            #expect(info.st_uid == 0, "an undumpable process's /proc files belong to root (it is \(info.st_uid))")
            Report.note("secrets", "front end as \(SecondUser.name) (uid \(user.uid)) with its secrets loaded: core limit 0/0, "
                            + "/proc/\(pid)/status owned by uid \(info.st_uid) (not dumpable)")
        }

        /// The pid of the gdesk process whose command line names `config`.
        static func process(runningWith config: String) -> Int32? {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            for entry in entries {
                guard let pid = Int32(entry),
                      let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
                let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                if arguments.first?.hasSuffix("/gdesk") == true && arguments.contains(config) { return pid }
            }
            return nil
        }
    }
}
