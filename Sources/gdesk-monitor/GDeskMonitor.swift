import Foundation
import GeminiClient

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `gdesk-monitor`: reads Gemini's order events stream with a monitor key and prints normalized lines
/// (`MonitorLine`) on standard output, for gdesk to read. A sidecar, so that the desk binary carries no WebSocket or
/// SwiftNIO code, and so that a crash or hang here never touches a cancel.
///
/// Standard input: the API key on the first line, the secret on the second, then kept open; its end ends the sidecar.
/// Exit status 64 for a bad command line, 66 when the credentials could not be read.
@main
enum GDeskMonitor {
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        let options: MonitorOptions
        do {
            options = try MonitorOptions(arguments: Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("gdesk-monitor: \(error)\n".utf8))
            exit(64)
        }
        guard let lines = Lifeline.readLines(2), !lines[0].isEmpty, !lines[1].isEmpty else {
            FileHandle.standardError.write(Data("gdesk-monitor: expected the API key and its secret on standard input\n".utf8))
            exit(66)
        }
        Lifeline.watch()
        let credentials = Credentials(apiKey: lines[0], secret: APISecret(lines[1]))
        let stream = OrderEventsStream(options: options, credentials: credentials,
                                       nonces: NonceStore(directory: options.nonceDirectory), output: LineOutput())
        await stream.run()
    }
}
