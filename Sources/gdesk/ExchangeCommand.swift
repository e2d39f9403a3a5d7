import ArgumentParser
import Foundation

/// `gdesk exchange …`: runs gdesk-exchange, the simulated exchange's own program, with the same arguments (it replaces
/// this process, so a script's `kill %1` or `$!` reaches the exchange itself).
struct ExchangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exchange",
        abstract: "Run the simulated Gemini exchange on loopback (gdesk-exchange), to try gdesk without real keys.",
        discussion: """
            Runs gdesk-exchange with these arguments; `gdesk-exchange --help` lists them: --host, --port (0 picks a \
            free one), --scenario FILE, --latency-ms, and --write-config PATH, which writes a gdesk config (and 0600 \
            secret files beside it) that points at the exchange once it listens. For example:
              rm -rf /tmp/sim
              gdesk exchange --port 8089 --write-config /tmp/sim/config.toml > /tmp/sim.log &
              until [ -e /tmp/sim/config.toml ]; do sleep 0.1; done
              gdesk --config /tmp/sim/config.toml cancel mm-bot-1 arb-master/desk-2 --yes
              kill %1
            """
    )

    @Argument(parsing: .captureForPassthrough, help: "Arguments for gdesk-exchange.") var arguments: [String] = []

    func run() throws {
        let executable: String
        switch ExchangeExecutable.locate() {
        case .success(let path): executable = path
        case .failure(let notFound):
            FileHandle.standardError.write("gdesk exchange: \(notFound)\n")
            throw ExitCode.failure
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([ExchangeExecutable.name] + arguments).map { strdup($0) } + [nil]
        execv(executable, argv)
        FileHandle.standardError.write("gdesk exchange: cannot run \(executable): \(String(cString: strerror(errno)))\n")
        throw ExitCode.failure
    }
}
