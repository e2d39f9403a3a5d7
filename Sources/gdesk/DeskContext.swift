import ArgumentParser
import DeskCore
import Foundation
import GeminiClient
import Logging

/// Everything a subcommand needs: paths, the checked config, the records (history, journal, system log), and the
/// desk built on them.
struct DeskContext {
    let paths: DeskPaths
    let config: DeskConfig
    let records: RecordKeeper
    let desk: Desk
    let transport: CurlTransport

    static func paths(_ global: GlobalOptions) -> DeskPaths {
        DeskPaths(configOverride: global.config, historyOverride: global.history)
    }

    /// Loads the config (a clear error and exit 78 when it is unusable), opens the history and builds the desk.
    /// With `needsConfig: false`, a missing config is fine (history can be read without one).
    static func open(_ global: GlobalOptions, needsConfig: Bool = true) async throws -> DeskContext {
        let paths = paths(global)
        let config: DeskConfig
        do {
            config = try ConfigLoader.load(path: paths.configFile)
        } catch let error where error.kind == .fileNotFound && !needsConfig {
            config = DeskConfig(path: paths.configFile, sessions: [])
        } catch {
            FileHandle.standardError.write("gdesk: \(error)\n")
            if error.kind == .fileNotFound {
                FileHandle.standardError.write("gdesk: run `gdesk demo` to try gdesk on its simulated exchange, or `gdesk paths` to see where the config goes\n")
            }
            throw ExitCode.badConfig
        }
        // One resolver for every session: each would otherwise copy the process environment again.
        let resolver = SecretResolver()
        return await open(paths: paths, config: config, readOnly: global.readOnly ? true : nil, secret: { session in
            try resolver.resolve(session.secret, session: session.name)
        })
    }

    /// Builds the desk on an already loaded config (the demo passes its own secrets). Nothing about the state
    /// directory or the history stops it: what cannot be used is named on standard error, and records go elsewhere.
    static func open(paths: DeskPaths, config: DeskConfig, readOnly: Bool?,
                     secret: @escaping (SessionConfig) throws -> APISecret) async -> DeskContext {
        do {
            try DeskPaths.createPrivateDirectory(paths.stateDirectory)
        } catch {
            let problem = HistoryProblem.classify(error, path: paths.stateDirectory + "/x")
            FileHandle.standardError.write("gdesk: warning: the state directory \(paths.stateDirectory) cannot be used (\(problem)); "
                                           + "continuing without its log and nonce files\n")
        }
        do {
            try DeskLogging.bootstrap(path: paths.logFile)
        } catch {
            FileHandle.standardError.write("gdesk: warning: no log file (\(error)); continuing without one\n")
        }
        let environment = ProcessInfo.processInfo.environment
        let records = RecordKeeper(
            historyPath: paths.historyFile,
            journal: FallbackJournal(directories: FallbackJournal.defaultDirectories(environment: environment), historyPath: paths.historyFile),
            syslog: SyslogSender(socketPath: SyslogSender.socketPath(environment: environment)), auditToSyslog: config.auditSyslog,
            logger: Logger(label: "gdesk.records"))
        await records.open()
        Self.report(records.status)
        var options = CurlTransport.Options()
        options.trust = config.caTrust
        let transport = CurlTransport(options: options)
        let logger = Logger(label: "gdesk")
        let nonces = NonceStore(directory: paths.nonceDirectory, warn: { notice in
            logger.warning("nonce state", metadata: ["notice": "\(notice)"])
        })
        let desk = Desk(config: config, records: records, transport: transport, nonces: nonces,
                        readOnly: readOnly, secret: secret, logger: logger)
        // Start-up: a stored nonce far ahead of the clock (or damaged) is told before anything is sent.
        for (session, notice) in desk.nonceNotices() {
            FileHandle.standardError.write("gdesk: warning: nonces of \(session): \(notice)\n")
        }
        return DeskContext(paths: paths, config: config, records: records, desk: desk, transport: transport)
    }

    /// Names on standard error what the operator must know about the records: the history's problem and where records
    /// go instead, and what was repaired.
    static func report(_ status: RecordStatus) {
        for notice in status.notices { FileHandle.standardError.write("gdesk: \(notice)\n") }
        if let banner = status.banner { FileHandle.standardError.write("gdesk: \(banner)\n") }
    }

    func close() {
        records.flushAudit(within: .seconds(1))
        transport.shutdown()
    }
}
