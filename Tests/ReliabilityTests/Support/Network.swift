import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Loopback ports and a TLS server whose certificate no configured CA trusts.
enum Network {
    /// A free loopback port (free a moment ago: another process may take it).
    static func freePort() -> Int {
        let port = RefusingPort()
        defer { port.close() }
        return port.port
    }

    /// Whether something accepts connections on 127.0.0.1:`port`.
    static func isListening(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// Runs `openssl` and waits; true on success.
    static func openssl(_ arguments: [String], in directory: String) async -> Bool {
        guard let child = try? ChildProcess.start("/usr/bin/openssl", arguments, environment: ["PATH": "/usr/bin:/bin"],
                                                  directory: directory) else { return false }
        return await child.wait() == 0
    }
}

/// A loopback port bound but never listened on, held until `close()`: connecting is refused, and nothing else can take
/// the port meanwhile.
final class RefusingPort: @unchecked Sendable {
    let port: Int
    private var fd: Int32

    init() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length)
                return getsockname(fd, pointer, &length)
            }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
    }

    deinit { close() }
}

/// `openssl s_server` on loopback with a self-signed certificate for 127.0.0.1, and a second, unrelated CA certificate
/// to give gdesk as `ca_file`: the handshake fails on verification, before any request byte leaves.
final class UntrustedTLSServer: @unchecked Sendable {
    let port: Int
    /// A CA certificate that did not sign the server's.
    let wrongCAFile: String
    private let process: ChildProcess

    init(directory: String) async throws {
        let server = await Network.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                  "-keyout", "server.key", "-out", "server.pem", "-days", "2", "-subj", "/CN=127.0.0.1",
                                  "-addext", "subjectAltName=IP:127.0.0.1"], in: directory)
        let otherCA = await Network.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                "-keyout", "other-ca.key", "-out", "other-ca.pem", "-days", "2", "-subj", "/CN=gdesk other CA"],
                               in: directory)
        guard server && otherCA else { throw TLSServerError.noCertificates }
        wrongCAFile = directory + "/other-ca.pem"
        var port = 0
        var started: ChildProcess?
        for _ in 0..<5 where started == nil {
            port = Network.freePort()
            let process = try ChildProcess.start("/usr/bin/openssl", ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", "server.pem",
                                                                      "-key", "server.key", "-www", "-quiet"],
                                                 environment: ["PATH": "/usr/bin:/bin"], directory: directory)
            let deadline = Date().addingTimeInterval(3)
            while Date() < deadline, process.isRunning, !Network.isListening(port) { try await Task.sleep(for: .milliseconds(20)) }
            if process.isRunning, Network.isListening(port) {
                started = process
            } else {
                process.kill(SIGKILL)
                _ = await process.wait()
            }
        }
        guard let started else { throw TLSServerError.notListening }
        self.port = port
        process = started
    }

    func stop() {
        process.kill(SIGKILL)
        while process.isRunning { usleep(1000) }
    }
}

enum TLSServerError: Error {
    case noCertificates, notListening
}
