import Foundation

/// Runs the real `gdesk` executable built beside the tests.
package enum GDeskBinary {
    package static let path: String = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("gdesk").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = Bundle.main.bundleURL.appendingPathComponent("gdesk").path
        return fallback
    }()

    /// How a run ended and what it wrote.
    package struct Run: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// Runs gdesk with `arguments` and `environment` (nothing inherited but PATH), standard input closed or fed from `input`.
    package static func run(_ arguments: [String], environment: [String: String], input: String? = nil, in directory: String) async throws -> Run {
        let id = UUID().uuidString
        let out = directory + "/stdout-\(id)", err = directory + "/stderr-\(id)"
        var stdin = "/dev/null"
        if let input {
            stdin = directory + "/stdin-\(id)"
            FileManager.default.createFile(atPath: stdin, contents: Data(input.utf8), attributes: [.posixPermissions: 0o600])
        }
        defer { if input != nil { try? FileManager.default.removeItem(atPath: stdin) } }
        let child = try ChildProcess.start(path, arguments, environment: environment.merging(["PATH": "/usr/bin:/bin"]) { a, _ in a },
                                           directory: directory, input: stdin, output: out, errors: err)
        let status = await child.wait()
        return Run(status: status, stdout: try String(contentsOfFile: out, encoding: .utf8),
                   stderr: try String(contentsOfFile: err, encoding: .utf8))
    }
}
