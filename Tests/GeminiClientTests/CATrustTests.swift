import Foundation
import GeminiClient
import Glibc
import TestSupport
import Testing

/// A session's CA applies to its own exchange address, added to the system's roots or alone, against real TLS servers
/// (`openssl s_server`) whose certificates two test CAs signed. A file standing in for the system's bundle holds the
/// second CA, so "the roots too" can be told from "the file only" without touching the machine's roots.
@Suite(.serialized) struct CATrustTests {
    @Test func eachAddressTrustsItsOwnCAAndOneSessionsFileNoLongerReplacesAnothers() async throws {
        try await TLSPair.with { pair in
            var options = CurlTransport.Options()
            options.trust = [CATrust.origin(of: pair.urlA): CATrust(caFiles: [pair.caA]),
                             CATrust.origin(of: pair.urlB): CATrust(caFiles: [pair.caB])]
            let transport = CurlTransport(options: options)
            defer { transport.shutdown() }
            #expect(await status(transport, pair.urlA) == 200)
            #expect(await status(transport, pair.urlB) == 200)

            // What one transport-wide file did: the second address is not trusted.
            var old = CurlTransport.Options()
            old.caFile = pair.caA
            let shared = CurlTransport(options: old)
            defer { shared.shutdown() }
            #expect(await status(shared, pair.urlA) == 200)
            #expect(await status(shared, pair.urlB) == nil)
        }
    }

    @Test func theFileIsAddedToTheSystemsRootsUnlessTheSessionSaysOtherwise() async throws {
        try await TLSPair.with { pair in
            // B's CA plays the system's roots; address B is given A's CA as its file.
            for (systemRoots, expected) in [(true, 200 as Int?), (false, nil)] {
                var options = CurlTransport.Options()
                options.systemCABundle = pair.caB
                options.trust = [CATrust.origin(of: pair.urlB): CATrust(caFiles: [pair.caA], systemRoots: systemRoots),
                                 CATrust.origin(of: pair.urlA): CATrust(caFiles: [pair.caA], systemRoots: systemRoots)]
                let transport = CurlTransport(options: options)
                #expect(await status(transport, pair.urlB) == expected, "systemRoots \(systemRoots)")
                #expect(await status(transport, pair.urlA) == 200, "the file itself, systemRoots \(systemRoots)")
                transport.shutdown()
            }
        }
    }

    @Test func sessionsSharingAnAddressTrustEverythingEachAskedFor() {
        let union = CATrust.union([CATrust(caFiles: ["/a.pem"], systemRoots: false), CATrust(caFiles: ["/b.pem", "/a.pem"], systemRoots: true)])
        #expect(union == CATrust(caFiles: ["/a.pem", "/b.pem"], systemRoots: true))
        #expect(CATrust.origin(of: "https://API.gemini.com/v1") == "https://api.gemini.com:443")
    }

    /// The status of a GET, nil when there was no answer (a TLS refusal).
    private func status(_ transport: CurlTransport, _ url: String) async -> Int? {
        if case .success(let response) = await transport.send(HTTPRequest(method: .get, url: url + "/v1/symbols", timeout: .seconds(10))) {
            return response.status
        }
        return nil
    }
}

/// Two TLS servers on loopback, each with a certificate for 127.0.0.1 signed by its own test CA.
struct TLSPair {
    let caA: String, caB: String
    let urlA: String, urlB: String

    static func with(_ body: (TLSPair) async throws -> Void) async throws {
        let temporary = try TemporaryDirectory(prefix: "gdesk-ca")
        defer { temporary.remove() }
        let directory = temporary.path
        try temporary.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n", to: "server.ext")
        var servers: [ChildProcess] = []
        var urls: [String] = []
        do {
            for name in ["a", "b"] {
                try await openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca-\(name).key",
                                   "-out", "ca-\(name).pem", "-days", "2", "-subj", "/CN=gdesk test CA \(name)"], in: directory)
                try await openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "server-\(name).key",
                                   "-out", "server-\(name).csr", "-subj", "/CN=127.0.0.1"], in: directory)
                try await openssl(["x509", "-req", "-in", "server-\(name).csr", "-CA", "ca-\(name).pem", "-CAkey", "ca-\(name).key",
                                   "-CAcreateserial", "-out", "server-\(name).pem", "-days", "2", "-extfile", "server.ext"], in: directory)
                let (server, port) = try await startServer(cert: "server-\(name).pem", key: "server-\(name).key", in: directory)
                servers.append(server)
                urls.append("https://127.0.0.1:\(port)")
            }
            try await body(TLSPair(caA: directory + "/ca-a.pem", caB: directory + "/ca-b.pem", urlA: urls[0], urlB: urls[1]))
        } catch {
            await stop(servers)
            throw error
        }
        await stop(servers)
    }

    private static func stop(_ servers: [ChildProcess]) async {
        for server in servers {
            server.kill(SIGKILL)
            _ = await server.wait()
        }
    }

    private static func openssl(_ arguments: [String], in directory: String) async throws {
        let child = try ChildProcess.start("/usr/bin/openssl", arguments, environment: ["PATH": "/usr/bin:/bin"], directory: directory)
        guard await child.wait() == 0 else { throw TLSPairError.openssl(arguments.prefix(2).joined(separator: " ")) }
    }

    /// `openssl s_server -www` on a free loopback port, once it accepts connections.
    private static func startServer(cert: String, key: String, in directory: String) async throws -> (ChildProcess, Int) {
        for _ in 0..<5 {
            let port = freePort()
            let child = try ChildProcess.start("/usr/bin/openssl", ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key,
                                                                    "-www", "-quiet"],
                                               environment: ["PATH": "/usr/bin:/bin"], directory: directory)
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline, child.isRunning, !accepts(port) { try await Task.sleep(for: .milliseconds(20)) }
            if child.isRunning, accepts(port) { return (child, port) }
            child.kill(SIGKILL)
            _ = await child.wait()
        }
        throw TLSPairError.notListening
    }

    private static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}

enum TLSPairError: Error {
    case openssl(String), notListening
}
