import Foundation
import SimulatedExchange
import TestSupport
import Testing

extension Reliability {
    /// Issue 9 item 7: whatever the nonce files hold — a number that overflows, garbage, a mark a day ahead, a symbolic
    /// link to another file — every cancel goes out; the damage is a warning, and `gdesk check` says what to do.
    @Suite struct NonceState {
        /// The nonce files of the fixture's state directory.
        static func nonceFiles(_ fixture: DeskFixture) -> [String] {
            let root = fixture.directory + "/state"
            let found = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
            return found.filter { $0.hasSuffix(".nonce") }.map { root + "/" + $0 }
        }

        static let dayAheadMilliseconds = UInt64(Date().timeIntervalSince1970 * 1000) + 86_400_000

        @Test(arguments: ["18446744073709551615", "ms 18446744073709551615\n", "\u{0}\u{7f}garbage\u{1b}[2J", "ms \(dayAheadMilliseconds)\n", "symlink"])
        func everyCancelGoesOutWhateverTheNonceFilesHold(_ content: String) async throws {
            let fixture = try await DeskFixture()
            defer { Task { await fixture.tearDown() } }
            // A first run makes the files.
            _ = try await fixture.cancelJSON(["--all"])
            let files = Self.nonceFiles(fixture)
            #expect(files.count >= 4, "\(files)")
            let victim = fixture.directory + "/victim"
            try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
            for file in files {
                if content == "symlink" {
                    unlink(file)
                    symlink(victim, file)
                } else {
                    try Data(content.utf8).write(to: URL(fileURLWithPath: file))
                }
            }
            fixture.exchange.addOrders([SimOrder(id: 901, apiKey: "account-alpha0001"), SimOrder(id: 902, apiKey: "master-group0002", account: "desk-3")])
            let before = fixture.exchange.requests.count
            let (run, rows) = try await fixture.cancelJSON(["alpha", "group"])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(rows.count == 4 && rows.allSatisfy { $0.outcome == "ok" }, "\(rows.map { "\($0.session) \($0.outcome) \($0.message ?? "")" })")
            #expect(fixture.exchange.requests.count - before == 4, "every target's cancel reached the exchange")
            #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n", "a link's target is never written")
            // The operator is told, and check says what to do.
            if content.hasPrefix("ms \(Self.dayAheadMilliseconds)") {
                #expect(run.stderr.contains("ahead of the clock"), "\(run.stderr)")
                let check = try await fixture.gdesk(["check"])
                #expect(check.stdout.contains("nonces alpha:") && check.stdout.contains("ahead of the clock")
                        && check.stdout.contains("check the clock (NTP)"), "\(check.stdout)")
            } else if content == "symlink" {
                #expect(run.stderr.contains("symbolic link"), "\(run.stderr)")
            } else {
                let log = (try? String(contentsOfFile: fixture.directory + "/state/gdesk/gdesk.log", encoding: .utf8)) ?? ""
                #expect(log.contains("nonce") || run.stderr.contains("nonce"), "the damage was reported: \(run.stderr)")
            }
            #expect(!run.stderr.contains("\u{1b}"), "the file's bytes never reach the terminal")
            Report.note("nonces", "nonce files holding \(content.debugDescription.prefix(40)): 4 of 4 targets ok, "
                            + "\(run.stderr.split(separator: "\n").count) warning line(s)")
        }
    }
}
