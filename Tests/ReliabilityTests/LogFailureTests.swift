import Foundation
import SimulatedExchange
import TestSupport
import Testing

extension Reliability {
    /// Issue 9, item 5: a log that cannot be written (`/dev/full`, a full filesystem) never crashes or blocks the
    /// panic path: the cancels go out and are recorded, and the desk says the log is failing.
    @Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed")) struct LogFailures {
        /// Points the fixture's log (`<state>/gdesk/gdesk.log`) at `target`.
        static func pointLog(of fixture: DeskFixture, at target: String) throws {
            let state = fixture.directory + "/state/gdesk"
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.createSymbolicLink(atPath: state + "/gdesk.log", withDestinationPath: target)
        }

        /// A panic in the real front end, confirmed with the keys; returns the screen once it is done.
        static func panic(_ fixture: DeskFixture) async throws -> String {
            let tmux = try await TmuxSession(
                command: [GDeskBinary.path, "--config", fixture.configPath, "--history", fixture.historyPath],
                environment: fixture.environment.merging(["LANG": "C.UTF-8"]) { a, _ in a }, directory: fixture.directory)
            defer { Task { await tmux.killServer() } }
            try await tmux.waitFor("faulty")
            try await tmux.send("!")
            try await tmux.waitFor("PANIC: cancel session orders on 7 targets")
            try await tmux.type("yes")
            try await tmux.send("Enter")
            let done = try await tmux.waitFor("PANIC done:")
            try await tmux.send("q")
            // The summary shows with the last result; until the desk has also recorded the refusals and closed the
            // stream, q asks first (and y then waits for the stream's end).
            var asked = false
            for _ in 0..<500 where !asked {
                if try await tmux.paneState().dead { break }
                asked = try await tmux.capture().contains("Quit while a cancel is in flight?")
                if !asked { try await Task.sleep(for: .milliseconds(20)) }
            }
            if asked { try await tmux.send("y") }
            let pane = try await tmux.waitForExit()
            #expect(pane.exitStatus == 0, "no crash: \(pane)")
            return done
        }

        static func expectEveryCancelWentOutAndWasRecorded(_ fixture: DeskFixture, _ screen: String) async throws {
            #expect(screen.split(separator: "\n").first?.contains("NO LOG") == true, "the header says the log fails:\n\(screen)")
            #expect(Set(fixture.cancelRequests.compactMap(\.apiKey)).count == 5, "every key got its cancel")
            #expect(fixture.exchange.openOrders().isEmpty)
            let history = try await fixture.historyJSON()
            #expect(history.count == 7)
            #expect(history.allSatisfy { $0.reason != "NoOutcomeRecorded" })
        }

        @Test func aLogOnDevFullIsAWarningAndThePanicGoesOut() async throws {
            let fixture = try await DeskFixture()
            defer { Task { await fixture.tearDown() } }
            try Self.pointLog(of: fixture, at: "/dev/full")
            let screen = try await Self.panic(fixture)
            try await Self.expectEveryCancelWentOutAndWasRecorded(fixture, screen)
            // The command line too.
            let (run, rows) = try await fixture.cancelJSON(["alpha"])
            #expect(run.status == 0 && rows.first?.outcome == "ok", "\(run.stderr)")
            Report.note("log", "log on /dev/full: the panic went out, 7 outcomes recorded, the header says NO LOG; the CLI cancels too")
        }

        @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
        func aLogOnAFullFilesystemIsAWarningAndThePanicGoesOut() async throws {
            let fixture = try await DeskFixture()
            defer { Task { await fixture.tearDown() } }
            let mountPoint = fixture.directory + "/logfs"
            try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
            let mounted = try await Self.tool("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint], fixture)
            try #require(mounted == 0, "mount tmpfs")
            do {
                try await Self.panicWithTheLogOnAFullFilesystem(fixture, mountPoint)
            } catch {
                _ = try? await Self.tool("/bin/umount", ["-l", mountPoint], fixture)
                throw error
            }
            _ = try await Self.tool("/bin/umount", ["-l", mountPoint], fixture)
            Report.note("log", "log on a full 64 KiB tmpfs: the panic went out, 7 outcomes recorded, the header says NO LOG")
        }

        static func tool(_ path: String, _ arguments: [String], _ fixture: DeskFixture) async throws -> Int32 {
            try await ChildProcess.start(path, arguments, environment: ["PATH": "/usr/bin:/bin"], directory: fixture.directory).wait()
        }

        static func panicWithTheLogOnAFullFilesystem(_ fixture: DeskFixture, _ mountPoint: String) async throws {
            // The log file exists, then the filesystem fills up to ENOSPC.
            FileManager.default.createFile(atPath: mountPoint + "/gdesk.log", contents: nil, attributes: [.posixPermissions: 0o600])
            let filler = open(mountPoint + "/fill", O_WRONLY | O_CREAT, 0o600)
            var block = [UInt8](repeating: 0, count: 4096)
            var filled = false
            while !filled {
                let written = write(filler, &block, block.count)
                filled = written < 0 && errno == ENOSPC || written == 0
                try #require(written >= 0 || errno == ENOSPC, "filling the tmpfs: errno \(errno)")
            }
            close(filler)
            try Self.pointLog(of: fixture, at: mountPoint + "/gdesk.log")
            let screen = try await Self.panic(fixture)
            try await Self.expectEveryCancelWentOutAndWasRecorded(fixture, screen)
        }
    }
}
