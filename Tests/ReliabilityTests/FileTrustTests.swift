@testable import DeskUI
import DeskCore
import Foundation
import TestSupport
import Testing

extension Reliability {
    /// Issue 9 item 9, as OpenSSH does it: a config or theme another user could change is refused (exit 78 and the
    /// command that fixes it); state directories and the history are made the operator's alone, or refused.
    @Suite struct FilesAndOwners {
        @Test(arguments: [0o664, 0o646, 0o666, 0o777])
        func aConfigOthersCanWriteIsRefusedWithTheChmodToRun(mode: Int) async throws {
            let fixture = try await DeskFixture()
            defer { Task { await fixture.tearDown() } }
            chmod(fixture.configPath, mode_t(mode))
            let before = fixture.exchange.requests.count
            let run = try await fixture.gdesk(["cancel", "--all", "--yes"])
            #expect(run.status == 78, "stderr: \(run.stderr)")
            #expect(run.stderr.contains("chmod go-w \(fixture.configPath)"), "\(run.stderr)")
            #expect(fixture.exchange.requests.count == before, "no command of the config ran, nothing was sent")
            chmod(fixture.configPath, 0o644)
            #expect(try await fixture.gdesk(["sessions"]).status == 0, "fixed by the command it named")
        }

        /// As root (CI), a config that belongs to another user is refused: their edit to `secret_command` would run as the
        /// operator. Root's own files are trusted by everyone, as ssh trusts them.
        @Test func aConfigOfAnotherUserIsRefusedAndRootsIsTrusted() async throws {
            guard let user = try SecondUser.ensure() else { return }
            let fixture = try await DeskFixture()
            defer { Task { await fixture.tearDown() } }
            let marker = fixture.directory + "/ran"
            let config = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
            try config.replacingOccurrences(of: "secret_command = \"cat secrets/hb\"", with: "secret_command = \"touch \(marker); cat secrets/hb\"")
                .write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
            chown(fixture.configPath, user.uid, user.gid)
            let run = try await fixture.gdesk(["cancel", "hb", "--yes"])
            #expect(run.status == 78, "stderr: \(run.stderr)")
            #expect(run.stderr.contains("belongs to uid \(user.uid)") && run.stderr.contains("chown 0 \(fixture.configPath)"), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: marker), "the other user's secret_command never ran")

            // The other way round: the second user runs gdesk on root's config (0644), which it trusts.
            chown(fixture.configPath, 0, 0)
            try user.own(fixture.directory + "/secrets")
            try user.own(fixture.directory + "/state")
            chown(fixture.directory, user.uid, user.gid)
            let history = fixture.directory + "/other-history.sqlite3"
            let process = Process()
            let command = user.command([GDeskBinary.path, "--config", fixture.configPath, "--history", history, "sessions"])
            process.executableURL = URL(fileURLWithPath: command[0])
            process.arguments = Array(command.dropFirst())
            process.environment = fixture.environment
            process.currentDirectoryURL = URL(fileURLWithPath: fixture.directory)
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(stderr)")
        }

        @Test func looseStateAndHistoryAreTightened() async throws {
            let fixture = try await DeskFixture()
            defer { Task { await fixture.tearDown() } }
            _ = try await fixture.gdesk(["cancel", "alpha", "--yes"])
            let state = fixture.directory + "/state/gdesk"
            chmod(fixture.directory + "/state", 0o777)
            chmod(state, 0o777)
            chmod(fixture.historyPath, 0o666)
            let run = try await fixture.gdesk(["cancel", "alpha", "--yes"])
            #expect(run.status == 0, "\(run.stderr)")
            var info = stat()
            stat(state, &info)
            #expect(info.st_mode & 0o777 == 0o700)
            stat(fixture.historyPath, &info)
            #expect(info.st_mode & 0o777 == 0o600)
        }

        @Test func aStateDirectoryOfAnotherUserIsRefusedWithAMessage() async throws {
            guard let user = try SecondUser.ensure() else { return }
            let fixture = try await DeskFixture()
            defer { Task { await fixture.tearDown() } }
            let state = fixture.directory + "/state/gdesk"
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
            chown(state, user.uid, user.gid)
            #expect(throws: DeskPaths.UnsafeDirectory.self) { try DeskPaths.createPrivateDirectory(state) }
            do { try DeskPaths.createPrivateDirectory(state) } catch {
                #expect("\(error)".contains("chown -R 0 \(state)"), "\(error)")
            }
        }

        @Test func aThemeOthersCanWriteIsNotUsed() throws {
            let directory = try TemporaryDirectory(prefix: "gdesk-theme")
            let file = directory.path + "/loud.toml"
            try "[colors]\n".write(toFile: file, atomically: true, encoding: .utf8)
            chmod(file, 0o666)
            let loaded = ThemeLoader.load("loud", searchPaths: [directory.path])
            #expect(loaded.warning?.contains("chmod go-w \(file)") == true, "\(loaded.warning ?? "")")
            #expect(loaded.theme == .builtInDefault)
        }
    }
}
