import Foundation
import Testing
import TestSupport
@testable import DeskCore

@Suite struct AuditSyslogConfigTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    func load(_ top: String) throws -> DeskConfig {
        let path = try directory.write(top + "\n[[session]]\nname = \"a\"\napi_key = \"account-aaaa\"\nsecret_env = \"A\"\n", to: "config.toml")
        return try ConfigLoader.load(path: path)
    }

    @Test func theAuditTrailIsOnUnlessTurnedOff() throws {
        #expect(try load("").auditSyslog)
        #expect(try load("audit_syslog = true").auditSyslog)
        #expect(try !load("audit_syslog = false").auditSyslog)
        #expect(throws: ConfigError.self) { try load("audit_syslog = \"no\"") }
    }
}
