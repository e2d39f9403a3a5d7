import CCrypto
import CCurl
import Foundation
import TestSupport
import Testing

/// What the desk binary is made of and says about itself: no simulator inside, and a `--version` that names the
/// build and the C libraries it runs with.
@Suite struct BinaryContentsTests {
    /// The symbol table of an executable built beside the tests (`nm`, from binutils, or the toolchain's llvm-nm).
    static func symbols(of executable: String) async throws -> String {
        let nm = ["/usr/bin/nm", "/opt/swift/usr/bin/llvm-nm"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let tool = try #require(nm, "no nm to read the symbol table with")
        let directory = NSTemporaryDirectory() + "gdesk-nm-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let child = try ChildProcess.start(tool, [executable], environment: ["PATH": "/usr/bin:/bin"], directory: directory,
                                           output: directory + "/symbols")
        #expect(await child.wait() == 0)
        return try String(contentsOfFile: directory + "/symbols", encoding: .utf8)
    }

    /// Swift's mangling of a symbol from module `name` (`7NIOCore`, `8NIOPosix`).
    static func mangled(_ name: String) -> String { "\(name.utf8.count)\(name)" }

    @Test func theDeskBinaryCarriesNoSimulatorAndNoSwiftNIO() async throws {
        let desk = try await Self.symbols(of: GDeskBinary.path)
        let exchange = try await Self.symbols(of: (GDeskBinary.path as NSString).deletingLastPathComponent + "/gdesk-exchange")
        for module in ["NIOCore", "NIOPosix", "NIOHTTP1", "SimulatedExchange"] {
            // The exchange's binary has them: the search would find them if they were there.
            #expect(exchange.contains(Self.mangled(module)), "gdesk-exchange has no \(module) symbols: the check is blind")
            #expect(!desk.contains(Self.mangled(module)), "the desk binary has \(module) symbols")
        }
    }

    @Test func versionNamesTheBuildAndTheLibrariesItRunsWith() async throws {
        let directory = NSTemporaryDirectory() + "gdesk-version-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try await GDeskBinary.run(["--version"], environment: ["HOME": directory], in: directory)
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        // A build not made by scripts/release has no version stamped, and says so.
        #expect(lines.first?.hasPrefix("gdesk dev build") == true, "\(run.stdout)")
        let libraries = lines.count > 1 ? lines[1] : ""
        // The same shared libraries as this test process, asked the same way.
        #expect(libraries.contains("libcurl \(String(cString: gd_curl_version())) (\(String(cString: gd_curl_ssl_version())))"), "\(libraries)")
        #expect(libraries.contains(String(cString: gd_openssl_version())), "\(libraries)")
        #expect(libraries.firstMatch(of: /SQLite 3\.\d+\.\d+/) != nil, "\(libraries)")
        #expect(libraries.firstMatch(of: /ncurses \d+\.\d+\.\d+/) != nil, "\(libraries)")
    }
}
