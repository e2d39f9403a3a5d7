import DeskCore
import Foundation
import SimulatedExchange
import TestSupport
import Testing

/// Every configuration and command example of the README, of gdesk(5) and of the help that gdesk(1) is generated
/// from, run for real: configs through `gdesk check` against a simulated exchange that knows their keys, command
/// blocks in a shell against the real binaries, synopses through `--help`.
@Suite struct DocumentExamplesTests {
    /// The source tree: this file is Tests/EndToEndTests/DocumentExamplesTests.swift.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static var binaries: String { (GDeskBinary.path as NSString).deletingLastPathComponent }

    struct Example: CustomStringConvertible {
        enum Kind { case config, shell, json, output }
        var kind: Kind
        var source: String
        var line: Int
        var text: String
        var description: String { "\(source):\(line)" }
    }

    // MARK: Finding the examples

    /// Fenced blocks of a Markdown file, by their language: toml, sh, json; a block without one is printed output.
    static func markdownExamples(_ file: String) throws -> [Example] {
        let lines = try String(contentsOfFile: root + "/" + file, encoding: .utf8).components(separatedBy: "\n")
        var examples: [Example] = []
        var open: (kind: Example.Kind?, line: Int, body: [String])?
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("```") {
                if let block = open {
                    if let kind = block.kind {
                        examples.append(Example(kind: kind, source: file, line: block.line, text: block.body.joined(separator: "\n")))
                    }
                    open = nil
                } else {
                    let language = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                    let kind: Example.Kind? = switch language {
                    case "toml": .config
                    case "sh", "bash", "shell": .shell
                    case "json": .json
                    case "": .output
                    default: nil
                    }
                    open = (kind, index + 2, [])
                }
            } else {
                open?.body.append(line)
            }
        }
        return examples
    }

    /// The literal displays (`.Bd -literal` … `.Ed`) of an mdoc page: its examples.
    static func manualExamples(_ file: String) throws -> [Example] {
        let lines = try String(contentsOfFile: root + "/" + file, encoding: .utf8).components(separatedBy: "\n")
        var examples: [Example] = []
        var open: (line: Int, body: [String])?
        for (index, line) in lines.enumerated() {
            if line.hasPrefix(".Bd -literal") {
                open = (index + 2, [])
            } else if line.hasPrefix(".Ed"), let block = open {
                let text = block.body.joined(separator: "\n")
                examples.append(Example(kind: text.contains("[[session]]") ? .config : .shell, source: file, line: block.line, text: text))
                open = nil
            } else {
                open?.body.append(line)
            }
        }
        return examples
    }

    /// The examples in the help text gdesk(1) is generated from: indented lines of a discussion that run gdesk.
    static func helpExamples() async throws -> [Example] {
        let directory = try temporaryDirectory("help")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try await GDeskBinary.run(["--experimental-dump-help"], environment: ["HOME": directory], in: directory)
        #expect(run.status == 0)
        let dump = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        var examples: [Example] = []
        func visit(_ command: [String: Any], path: String) {
            let name = path.isEmpty ? "gdesk" : path
            let lines = ((command["discussion"] as? String) ?? "").components(separatedBy: "\n")
            let block = lines.filter { $0.hasPrefix("  ") }.map { $0.trimmingCharacters(in: .whitespaces) }
            if block.contains(where: { $0.contains("gdesk") }) {
                examples.append(Example(kind: .shell, source: "\(name) --help", line: 0, text: block.joined(separator: "\n")))
            }
            for sub in (command["subcommands"] as? [[String: Any]]) ?? [] {
                visit(sub, path: name + " " + ((sub["commandName"] as? String) ?? "?"))
            }
        }
        visit(try #require(dump["command"] as? [String: Any]), path: "")
        return examples
    }

    static func allExamples() async throws -> [Example] {
        try markdownExamples("README.md") + manualExamples("docs/gdesk.5") + (try await helpExamples())
            + [Example(kind: .config, source: "docs/config.example.toml", line: 1,
                       text: try String(contentsOfFile: root + "/docs/config.example.toml", encoding: .utf8))]
    }

    @Test func theExamplesAreFound() async throws {
        let examples = try await Self.allExamples()
        // README: its config, the demo, the packages, the script against the simulator; gdesk(5): two configs;
        // the exchange's help; the example config. Fewer means the extraction broke and the tests below see nothing.
        #expect(examples.filter { $0.kind == .config }.count >= 4, "\(examples)")
        #expect(examples.filter { $0.kind == .shell }.count >= 3, "\(examples)")
        #expect(examples.contains { $0.kind == .json })
    }

    // MARK: Configs

    @Test func everyConfigExamplePassesGdeskCheck() async throws {
        for example in try await Self.allExamples() where example.kind == .config {
            try await Self.check(example)
        }
    }

    /// Writes the example beside the secrets it names (environment variables, files, `cat secrets/NAME` commands) and
    /// a simulated exchange that knows its keys, then runs `gdesk check` on it. Sessions with a loopback `url` must pass
    /// the pre-flight against the simulator; the others (Gemini itself, not reachable here) only the config check.
    static func check(_ example: Example) async throws {
        let directory = try temporaryDirectory("config")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/config.toml"
        try example.text.write(toFile: path, atomically: true, encoding: .utf8)
        let config: DeskConfig
        do {
            config = try ConfigLoader.load(path: path)
        } catch {
            Issue.record("\(example): \(error)")
            return
        }
        var environment = ["HOME": directory, "XDG_STATE_HOME": directory + "/state", "XDG_CONFIG_HOME": directory + "/xdg",
                           "USER": "tester"]
        try FileManager.default.createDirectory(atPath: directory + "/secrets", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        var keys: [ExchangeKey] = []
        for session in config.sessions {
            let secret = "doc-" + UUID().uuidString
            switch session.secret {
            case .environment(let name): environment[name] = secret
            case .file(let file):
                #expect(file.hasPrefix(directory), "\(example): secret_file \(file) is outside the example's folder")
                _ = FileManager.default.createFile(atPath: file, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600])
            case .command(let command):
                #expect(command == "cat secrets/\(session.name)", "\(example): a secret_command the test cannot answer: \(command)")
            }
            _ = FileManager.default.createFile(atPath: "\(directory)/secrets/\(session.name)", contents: Data(secret.utf8),
                                               attributes: [.posixPermissions: 0o600])
            let accounts = session.accounts ?? (session.isMaster ? ["primary"] : [])
            keys.append(ExchangeKey(apiKey: session.apiKey, secret: secret, accounts: accounts.map { ExchangeAccount(name: $0) },
                                    requireHeartbeat: session.requireHeartbeat))
        }
        let exchange = SimulatedExchange(scenario: ExchangeScenario(keys: keys, heartbeatTimeoutSeconds: 3600))
        try await exchange.start()
        defer { Task { try? await exchange.shutdown() } }
        // The example's simulator (port 8089) is this one.
        let text = example.text.replacingOccurrences(of: "http://127.0.0.1:8089", with: exchange.baseURL)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try await GDeskBinary.run(["--config", path, "--history", directory + "/history.sqlite3", "check"],
                                            environment: environment, in: directory)
        #expect(run.stdout.contains("session(s), ok"), "\(example): \(run.stderr)")
        let local = config.sessions.filter { $0.url == "http://127.0.0.1:8089" }
        for session in local {
            let row = run.stdout.split(separator: "\n").first { $0.hasPrefix(session.name + " ") }.map(String.init) ?? ""
            #expect(row.contains(" ready ") || row.contains(" reachable "), "\(example): \(session.name): \(row)\n\(run.stdout)\(run.stderr)")
        }
        #expect(run.status == 0 || (run.status == 2 && local.count < config.sessions.count), "\(example): exit \(run.status)\n\(run.stdout)\(run.stderr)")
    }

    // MARK: Commands

    @Test func everyCommandExampleRuns() async throws {
        for example in try await Self.allExamples() where example.kind == .shell {
            let commands = example.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            if commands.allSatisfy({ $0.hasPrefix("scripts/") }) {
                // The project's own scripts (a demo on a terminal, the whole suite): they exist and run.
                for command in commands {
                    let script = String(command.prefix { $0 != " " })
                    #expect(FileManager.default.isExecutableFile(atPath: Self.root + "/" + script), "\(example): \(script)")
                }
            } else if commands.contains(where: { $0.hasPrefix("sudo apt") || $0.hasPrefix("apt") || $0.hasPrefix("dpkg") }) {
                // Installing the packages: scripts/package-check does that, in a fresh Debian root. Here: the script
                // that makes them names them as the example does.
                let release = try String(contentsOfFile: Self.root + "/scripts/release", encoding: .utf8)
                #expect(release.contains(".build/${name}_${version}_$arch.deb"), "\(example)")
                #expect(commands.contains { $0.contains(".build/gdesk_") }, "\(example)")
            } else {
                try await Self.runShell(example)
            }
        }
    }

    /// Runs the block in bash against the built binaries, in a folder of its own: `/tmp/` stands for that folder and
    /// port 8089 for a free one (tests run side by side). Background jobs are stopped when it ends.
    static func runShell(_ example: Example) async throws {
        let directory = try temporaryDirectory("shell")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/tmp", withIntermediateDirectories: true)
        let body = example.text.replacingOccurrences(of: "/tmp/", with: directory + "/tmp/")
            .replacingOccurrences(of: "--port 8089", with: "--port 0")
        let script = "set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true; wait' EXIT\n" + body + "\n"
        try script.write(toFile: directory + "/example.sh", atomically: true, encoding: .utf8)
        let out = directory + "/out", err = directory + "/err"
        let child = try ChildProcess.start("/bin/bash", [directory + "/example.sh"],
                                           environment: ["HOME": directory, "XDG_STATE_HOME": directory + "/state",
                                                         "XDG_CONFIG_HOME": directory + "/config", "USER": "tester",
                                                         "PATH": binaries + ":/usr/bin:/bin"],
                                           directory: directory, output: out, errors: err)
        // A bound, not synchronisation: an example that hangs fails instead of stalling the suite.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(120))
            kill(child.pid, SIGKILL)
        }
        let status = await child.wait()
        watchdog.cancel()
        let stdout = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        #expect(status == 0, "\(example): exit \(status) (137: killed after 120 s)\n\(example.text)\n\(stdout)\(stderr)")
        if body.contains("--json") {
            #expect((try? JSONDecoder().decode([CancelJSON].self, from: Data(stdout.utf8))) != nil, "\(example): \(stdout)")
        }
    }

    @Test func theJSONExampleIsWhatCancelPrints() async throws {
        for example in try await Self.allExamples() where example.kind == .json {
            #expect((try? JSONDecoder().decode([CancelJSON].self, from: Data(example.text.utf8))) != nil, "\(example)")
        }
    }

    /// The README's command table: each `gdesk …` synopsis names a subcommand whose help lists every option it shows.
    @Test func everyCommandSynopsisMatchesItsHelp() async throws {
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        let synopses = readme.split(separator: "\n").filter { $0.hasPrefix("| `gdesk") }.compactMap { row in
            row.split(separator: "`", omittingEmptySubsequences: false).dropFirst().first.map(String.init)
        }
        #expect(synopses.count >= 8, "\(synopses)")
        let directory = try Self.temporaryDirectory("synopsis")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for synopsis in synopses {
            let words = synopsis.split(separator: " ").map(String.init)
            let subcommand = words.count > 1 && !words[1].hasPrefix("-") && !words[1].hasPrefix("[") ? [words[1]] : []
            let help = try await GDeskBinary.run(subcommand + ["--help"], environment: ["HOME": directory, "PATH": Self.binaries + ":/usr/bin:/bin"],
                                                 in: directory)
            #expect(help.status == 0, "\(synopsis): \(help.stderr)")
            for option in synopsis.matches(of: /--[a-z][a-z-]*/).map({ String($0.output) }) {
                #expect(help.stdout.contains(option), "\(synopsis): `gdesk \(subcommand.joined()) --help` has no \(option)")
            }
        }
    }

    static func temporaryDirectory(_ what: String) throws -> String {
        let directory = NSTemporaryDirectory() + "gdesk-doc-\(what)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return directory
    }
}
