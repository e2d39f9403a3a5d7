import Foundation
import SimulatedExchange
import TestSupport
import Testing

extension Reliability {
    /// Item 5: through every command, the front end, faults and a refused secret file, no secret reaches the history,
    /// the log, a screen or any process's command line; a secret file others can read is refused. Every other
    /// reliability test also audits the files its fixture leaves (`SecretAudit.leaks`).
    @Suite struct Secrets {
        @Test func secretsAppearNowhereAndAnOpenSecretFileIsRefused() async throws {
            let fixture = try await DeskFixture(requestTimeoutMs: 400, deadlineMs: 1500)
            defer { Task { await fixture.tearDown() } }
            fixture.exchange.setFault(FaultRule(fault: .badGatewayHTML), forKey: "account-faulty005")
            let sampler = ArgumentSampler()
            var outputs: [String] = []

            // Every command, ok and failing: the secrets come from a file (alpha, group, faulty), a variable (viewer)
            // and a command (hb, `cat secrets/hb`).
            for arguments in [["cancel", "--all", "--yes", "--json"], ["cancel", "--all", "--yes"], ["sessions"], ["sessions", "--json"],
                              ["history"], ["history", "--json"], ["check"], ["paths"], ["explain", "alpha", "103"]] {
                let run = try await fixture.gdesk(arguments)
                outputs += [run.stdout, run.stderr]
            }

            // The front end: a panic, the history, an entry's details, help; each screen kept with its colours.
            let screens = fixture.directory + "/screens"
            try FileManager.default.createDirectory(atPath: screens, withIntermediateDirectories: true)
            fixture.exchange.addOrders([SimOrder(id: 102, apiKey: "account-alpha0001")])
            let tmux = try await Reliability.RandomKeys.frontEnd(fixture)
            var shots: [String] = []
            func shoot(_ name: String) async throws {
                let screen = try await tmux.captureWithEscapes()
                shots.append(screen)
                try screen.write(toFile: "\(screens)/\(name).txt", atomically: true, encoding: .utf8)
            }
            try await tmux.waitFor("faulty")
            try await tmux.send("!")
            try await tmux.waitFor("PANIC: cancel session orders")
            try await tmux.type("yes")
            try await tmux.send("Enter")
            try await tmux.waitFor("PANIC done:", timeout: .seconds(15))
            try await shoot("panic")
            try await tmux.send("H")
            try await tmux.waitFor("history")
            try await shoot("history")
            try await tmux.send("Enter")
            try await shoot("details")
            try await tmux.send("Escape")
            try await Task.sleep(for: .milliseconds(50))
            try await tmux.send("Escape")
            try await Task.sleep(for: .milliseconds(50))
            try await tmux.send("?")
            try await shoot("help")
            await tmux.killServer()

            // A secret file that group and others can read is refused, for that session only, and says how to fix it.
            chmod(fixture.directory + "/secrets/alpha", 0o644)
            let alphaRequests = fixture.exchange.requests.filter { $0.apiKey == "account-alpha0001" }.count
            let (refused, rows) = try await fixture.cancelJSON(["alpha", "group/desk-2"])
            outputs += [refused.stdout, refused.stderr]
            let alpha = try #require(rows.first { $0.session == "alpha" })
            #expect(alpha.outcome == "error" && alpha.reason == "NoSecret" && alpha.attempts == 0)
            #expect(alpha.message?.contains("chmod 600") == true, "\(alpha.message ?? "")")
            #expect(rows.first { $0.session == "group" }?.outcome == "ok")
            #expect(fixture.exchange.requests.filter { $0.apiKey == "account-alpha0001" }.count == alphaRequests, "nothing sent for alpha")
            let check = try await fixture.gdesk(["check"])
            outputs += [check.stdout, check.stderr]
            #expect(check.stdout.contains("chmod 600"))

            let (hits, gdeskProcesses, sweeps) = sampler.stop()
            let files = SecretAudit.leaks(in: fixture.directory)
            let printed = outputs.filter { text in SecretAudit.secrets.contains { text.contains($0) } }.count
            let shown = shots.filter { text in SecretAudit.secrets.contains { text.contains($0) } }.count
            #expect(hits.isEmpty, "\(hits.prefix(5).joined(separator: "\n"))")
            #expect(files.isEmpty, "\(files.joined(separator: "\n"))")
            #expect(printed == 0 && shown == 0)
            #expect(gdeskProcesses >= 10, "the sampler saw the gdesk processes")
            #expect(FileManager.default.fileExists(atPath: fixture.directory + "/state/gdesk/gdesk.log"))
            Report.note("secrets", "\(outputs.count / 2) commands and the front end (panic, history, details, help): "
                            + "\(SecretAudit.fileCount(in: fixture.directory)) files (history, WAL, log, \(shots.count) screens) "
                            + "and \(sweeps) sweeps of every process's arguments (\(gdeskProcesses) gdesk processes seen): "
                            + "\(files.count + hits.count + printed + shown) secrets found; a 0644 secret file refused with "
                            + "\"\(alpha.reason ?? "")\"")
        }

        /// Issue 9 item 8: a `secret_command` that fails after printing the secret on standard output or on standard error
        /// leaves no trace of it: not in the CLI's table or JSON, `gdesk check`, the front end's details, the history or
        /// the log. The operator is told that the command failed and its exit status.
        @Test(arguments: ["cat secrets/hb; exit 1", "cat secrets/hb >&2; exit 1"])
        func aFailingSecretCommandsOutputIsNeverShownOrStored(_ command: String) async throws {
            let fixture = try await DeskFixture(requestTimeoutMs: 400, deadlineMs: 1500)
            defer { Task { await fixture.tearDown() } }
            let config = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
            try config.replacingOccurrences(of: "secret_command = \"cat secrets/hb\"", with: "secret_command = \"\(command)\"")
                .write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
            var outputs: [String] = []
            let table = try await fixture.gdesk(["cancel", "hb", "--yes"])
            let (json, rows) = try await fixture.cancelJSON(["hb"])
            let check = try await fixture.gdesk(["check"])
            let history = try await fixture.gdesk(["history"])
            outputs += [table.stdout, table.stderr, json.stdout, json.stderr, check.stdout, check.stderr, history.stdout, history.stderr]
            let row = try #require(rows.first)
            #expect(row.outcome == "error" && row.attempts == 0)
            #expect(row.message?.contains("the command failed with exit status 1") == true, "\(row.message ?? "")")
            #expect(check.stdout.contains("exit status 1"), "\(check.stdout)")

            // The front end: the panic, then every history entry's details.
            let tmux = try await Reliability.RandomKeys.frontEnd(fixture)
            var shots: [String] = []
            try await tmux.waitFor("faulty")
            try await tmux.send("!")
            try await tmux.waitFor("PANIC: cancel session orders")
            try await tmux.type("yes")
            try await tmux.send("Enter")
            try await tmux.waitFor("PANIC done:", timeout: .seconds(15))
            shots.append(try await tmux.captureWithEscapes())
            try await tmux.send("H")
            try await tmux.waitFor("history")
            for _ in 0..<10 {
                try await tmux.send("Enter")
                try await Task.sleep(for: .milliseconds(100))
                shots.append(try await tmux.captureWithEscapes())
                try await tmux.send("Escape")
                try await Task.sleep(for: .milliseconds(50))
                try await tmux.send("j")
            }
            await tmux.killServer()
            #expect(shots.contains { $0.contains("exit status 1") }, "a details screen names the failure")

            let printed = outputs.filter { text in SecretAudit.secrets.contains { text.contains($0) } }
            let shown = shots.filter { text in SecretAudit.secrets.contains { text.contains($0) } }
            let files = SecretAudit.leaks(in: fixture.directory)
            #expect(printed.isEmpty, "\(printed.first ?? "")")
            #expect(shown.isEmpty)
            #expect(files.isEmpty, "\(files.joined(separator: "\n"))")
            Report.note("secrets", "secret_command `\(command)`: \(outputs.count) outputs, \(shots.count) screens, "
                            + "\(SecretAudit.fileCount(in: fixture.directory)) files: \(printed.count + shown.count + files.count) secrets found; "
                            + "said: \(row.message ?? "")")
        }
    }
}
