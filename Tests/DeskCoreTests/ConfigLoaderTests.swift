import Foundation
import GeminiClient
import TestSupport
import Testing
@testable import DeskCore

@Suite struct ConfigLoaderTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    /// Loads `text` written to a config file in the temporary directory.
    func load(_ text: String) throws(ConfigError) -> DeskConfig {
        let path = try! directory.write(text, to: "config.toml")
        return try ConfigLoader.load(path: path, environment: ["HOME": "/home/op"])
    }

    /// The error `text` gives; records a failure if it loads.
    func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ConfigError? {
        do {
            _ = try load(text)
            Issue.record("expected a ConfigError", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(error.path == directory.path + "/config.toml", sourceLocation: sourceLocation)
            #expect(error.exitCode == 78, sourceLocation: sourceLocation)
            return error
        }
    }

    static let minimalSession = """
        [[session]]
        name = "a"
        api_key = "account-aaaa"
        secret_env = "A_SECRET"
        """

    @Test func everyOptionParses() throws {
        let ca = try directory.write("pem", to: "ca.pem")
        let config = try load("""
            # desk config
            read_only = true
            theme = "night"
            request_timeout_ms = 2500
            cancel_deadline_ms = 8000

            [keys]
            cancel = "x"
            panic = "P"

            [[session]]
            name = "mm-bot-1"
            api_key = "account-1234abcd"
            secret_env = "GDESK_MM1_SECRET"
            environment = "production"
            require_heartbeat = true
            nonce_unit = "us"
            allow_cancel_all = true

            [[session]]
            name = "master"
            api_key = "master-9999"
            secret_file = "secrets/master"   # relative to the config's directory
            url = "http://127.0.0.1:8089"
            accounts = ["primary", "desk-2"]
            nonce_unit = "s"
            ca_file = "\(ca)"

            [[session]]
            name = "cmd"
            api_key = "account-cccc"
            secret_command = "pass show gemini/cmd"
            url = "https://proxy.internal:8443/"
            """)
        let expected = DeskConfig(
            path: directory.path + "/config.toml",
            sessions: [
                SessionConfig(name: "mm-bot-1", apiKey: "account-1234abcd", secret: .environment("GDESK_MM1_SECRET"),
                              environment: .production, requireHeartbeat: true, nonceUnit: .microseconds,
                              allowCancelAll: true),
                SessionConfig(name: "master", apiKey: "master-9999", secret: .file(directory.path + "/secrets/master"),
                              environment: .sandbox, url: "http://127.0.0.1:8089", accounts: ["primary", "desk-2"],
                              nonceUnit: .seconds, caFile: ca),
                SessionConfig(name: "cmd", apiKey: "account-cccc", secret: .command("pass show gemini/cmd"),
                              url: "https://proxy.internal:8443/"),
            ],
            readOnly: true, theme: "night", keys: ["cancel": "x", "panic": "P"],
            requestTimeout: .milliseconds(2500), cancelDeadline: .milliseconds(8000))
        #expect(config == expected)
    }

    @Test func defaultsApply() throws {
        let config = try load(Self.minimalSession)
        #expect(config.readOnly == false)
        #expect(config.theme == nil)
        #expect(config.keys.isEmpty)
        #expect(config.requestTimeout == .seconds(3))
        #expect(config.cancelDeadline == .seconds(10))
        let session = try #require(config.sessions.first)
        #expect(session.environment == .sandbox)
        #expect(session.nonceUnit == .milliseconds)
        #expect(session.requireHeartbeat == false)
        #expect(session.allowCancelAll == false)
        #expect(session.accounts == nil)
        #expect(session.url == nil)
    }

    @Test func loopbackHostsMayUseHTTP() throws {
        for url in ["http://localhost:8089", "http://127.0.0.1", "http://127.8.9.10:1", "http://[::1]:8089"] {
            let config = try load(Self.minimalSession + "\nurl = \"\(url)\"")
            #expect(config.sessions[0].url == url)
        }
    }

    @Test func missingFileIsItsOwnCase() {
        #expect(throws: ConfigError.self) { try ConfigLoader.load(path: directory.path + "/nope.toml") }
        do {
            _ = try ConfigLoader.load(path: directory.path + "/nope.toml")
        } catch {
            #expect(error.kind == .fileNotFound)
            #expect(error.line == nil)
            #expect(error.description.hasPrefix(directory.path + "/nope.toml: "))
        }
    }

    @Test func directoryIsUnreadable() {
        do {
            _ = try ConfigLoader.load(path: directory.path)
            Issue.record("loaded a directory")
        } catch {
            #expect(error.kind == .unreadable)
        }
    }

    // MARK: - Errors name file, line and key

    @Test func syntaxErrorHasLineColumnAndKey() throws {
        let error = try #require(failure("""
            read_only = false

            [[session]]
            name = "a"
            api_key = account-aaaa
            """))
        #expect(error.kind == .syntax)
        #expect(error.line == 5)
        #expect(error.column != nil)
        #expect(error.key == "api_key")
        #expect(error.description.hasPrefix(directory.path + "/config.toml:5:"))
    }

    @Test func syntaxErrorDoesNotEchoValueFragments() throws {
        let error = try #require(failure("""
            [[session]]
            name = "a"
            api_key = "account-aaaa"
            secret_command = 12345678abcdefgh
            """))
        #expect(error.kind == .syntax)
        #expect(error.line == 4)
        #expect(!error.description.contains("12345678"))
    }

    @Test func invalidUTF8IsReportedAtItsLine() throws {
        var data = Data("read_only = false\ntheme = \"".utf8)
        data.append(contentsOf: [0xFF, 0xFE])
        data.append(contentsOf: Array("\"\n".utf8))
        let path = directory.path + "/config.toml"
        try data.write(to: URL(fileURLWithPath: path))
        do {
            _ = try ConfigLoader.load(path: path)
            Issue.record("loaded invalid UTF-8")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.line == 2)
        }
    }

    @Test func unknownSessionKeySuggestsTheRightOne() throws {
        let error = try #require(failure("""
            theme = "default"

            [[session]]
            name = "ok"
            api_key = "account-aaaa"
            secret_env = "A"

            [[session]]
            name = "mm-bot-1"
            api_key = "account-bbbb"
            secret_envv = "GDESK_MM1_SECRET"
            """))
        #expect(error.kind == .unknownKey)
        #expect(error.line == 11)
        #expect(error.key == "secret_envv")
        #expect(error.section == "session \"mm-bot-1\"")
        #expect(error.description == directory.path
            + "/config.toml:11: session \"mm-bot-1\": secret_envv: unknown key (did you mean secret_env?)")
    }

    @Test func unknownTopLevelKey() throws {
        let error = try #require(failure("""
            read_only = true
            request_timeout = 3000
            \(Self.minimalSession)
            """))
        #expect(error.kind == .unknownKey)
        #expect(error.line == 2)
        #expect(error.key == "request_timeout")
        #expect(error.section == nil)
        #expect(error.message.contains("did you mean request_timeout_ms?"))
    }

    @Test func misspelledSessionHeader() throws {
        let error = try #require(failure("""
            read_only = true

            [[sessions]]
            name = "a"
            """))
        #expect(error.kind == .unknownKey)
        #expect(error.line == 3)
        #expect(error.key == "sessions")
        #expect(error.message.contains("did you mean session?"))
    }

    @Test func wrongTypeAtTopLevel() throws {
        let error = try #require(failure("""
            read_only = "yes"
            \(Self.minimalSession)
            """))
        #expect(error.kind == .wrongType)
        #expect(error.line == 1)
        #expect(error.key == "read_only")
        #expect(error.message == "expected true or false, found a string")
    }

    @Test func wrongTypeInKeysTable() throws {
        let error = try #require(failure("""
            [keys]
            cancel = "x"
            panic = 7

            \(Self.minimalSession)
            """))
        #expect(error.kind == .wrongType)
        #expect(error.line == 3)
        #expect(error.key == "keys.panic")
    }

    @Test func wrongTypeInSession() throws {
        let error = try #require(failure("""
            \(Self.minimalSession)
            require_heartbeat = "true"
            """))
        #expect(error.kind == .wrongType)
        #expect(error.line == 5)
        #expect(error.key == "require_heartbeat")
        #expect(error.section == "session \"a\"")
    }

    @Test func wrongTypeInAccountsElement() throws {
        let error = try #require(failure("""
            [[session]]
            name = "m"
            api_key = "master-aaaa"
            secret_env = "A"
            accounts = [
              "primary",
              2,
            ]
            """))
        #expect(error.kind == .wrongType)
        #expect(error.line == 5)
        #expect(error.key == "accounts")
    }

    @Test func outOfRangeTimeout() throws {
        let error = try #require(failure("""
            cancel_deadline_ms = 0
            \(Self.minimalSession)
            """))
        #expect(error.kind == .invalidValue)
        #expect(error.line == 1)
        #expect(error.key == "cancel_deadline_ms")
    }

    @Test func missingRequiredKeyPointsAtTheSessionHeader() throws {
        let error = try #require(failure("""
            \(Self.minimalSession)

            [[session]]
            name = "b"
            secret_env = "B"
            """))
        #expect(error.kind == .missingKey)
        #expect(error.line == 6)
        #expect(error.key == "api_key")
        #expect(error.section == "session \"b\"")
    }

    @Test func missingNameUsesTheSessionNumber() throws {
        let error = try #require(failure("""
            \(Self.minimalSession)

            [[session]]
            api_key = "account-bbbb"
            secret_env = "B"
            """))
        #expect(error.kind == .missingKey)
        #expect(error.line == 6)
        #expect(error.key == "name")
        #expect(error.section == "session #2")
    }

    @Test func noSessionAtAll() throws {
        let error = try #require(failure("read_only = true\n"))
        #expect(error.kind == .missingKey)
        #expect(error.line == 1)
        #expect(error.key == "session")
    }

    @Test func sessionMustBeAnArrayOfTables() throws {
        let error = try #require(failure("""
            theme = "x"
            [session]
            name = "a"
            """))
        #expect(error.kind == .wrongType)
        #expect(error.line == 2)
        #expect(error.key == "session")
    }

    @Test func duplicateSessionNamePointsAtTheSecondName() throws {
        let error = try #require(failure("""
            \(Self.minimalSession)

            [[session]]
            api_key = "account-bbbb"
            name = "a"
            secret_env = "B"
            """))
        #expect(error.kind == .duplicateSession)
        #expect(error.line == 8)
        #expect(error.key == "name")
    }

    @Test func noSecretSource() throws {
        let error = try #require(failure("""
            read_only = false
            [[session]]
            name = "a"
            api_key = "account-aaaa"
            """))
        #expect(error.kind == .secretSource)
        #expect(error.line == 2)
        #expect(error.message.contains("secret_env, secret_file or secret_command"))
    }

    @Test func severalSecretSourcesNameTheSecondOne() throws {
        let error = try #require(failure("""
            [[session]]
            name = "a"
            secret_command = "echo s3cr3t-value"
            api_key = "account-aaaa"
            secret_env = "A"
            """))
        #expect(error.kind == .secretSource)
        #expect(error.line == 5)
        #expect(error.key == "secret_env")
        #expect(!error.description.contains("s3cr3t-value"))
        #expect(!error.description.contains("echo"))
    }

    @Test func secretInsteadOfVariableNameIsNotEchoed() throws {
        let error = try #require(failure("""
            [[session]]
            name = "a"
            api_key = "account-aaaa"
            secret_env = "3xQ9+secretvalue/Zk="
            """))
        #expect(error.kind == .invalidValue)
        #expect(error.line == 4)
        #expect(error.key == "secret_env")
        #expect(!error.description.contains("secretvalue"))
    }

    @Test func badEnvironment() throws {
        let error = try #require(failure("""
            \(Self.minimalSession)
            environment = "prod"
            """))
        #expect(error.kind == .invalidValue)
        #expect(error.line == 5)
        #expect(error.key == "environment")
        #expect(error.message == "\"prod\" is not one of production | sandbox")
    }

    @Test func badNonceUnit() throws {
        let error = try #require(failure("""
            \(Self.minimalSession)
            nonce_unit = "ps"
            """))
        #expect(error.kind == .invalidValue)
        #expect(error.line == 5)
        #expect(error.key == "nonce_unit")
        #expect(error.message == "\"ps\" is not one of s | ms | us | ns")
    }

    @Test func nanosecondNoncesAreAUnit() throws {
        let config = try load("""
            \(Self.minimalSession)
            nonce_unit = "ns"
            """)
        #expect(config.sessions.first?.nonceUnit == .nanoseconds)
    }

    @Test func plainHTTPToARemoteHostIsRefused() throws {
        let error = try #require(failure("""
            \(Self.minimalSession)
            url = "http://api.gemini.com"
            """))
        #expect(error.kind == .invalidValue)
        #expect(error.line == 5)
        #expect(error.key == "url")
        #expect(error.message.contains("https://"))
    }

    @Test func malformedURLs() throws {
        for url in ["api.gemini.com", "ftp://api.gemini.com", "https://user:pw@api.gemini.com", "http://128.0.0.1",
                    "http://127.0.0.1.evil.com"] {
            let error = try #require(failure(Self.minimalSession + "\nurl = \"\(url)\""))
            #expect(error.kind == .invalidValue)
            #expect(error.line == 5)
            #expect(error.key == "url")
            #expect(!error.description.contains("pw@"))
        }
    }

    @Test func accountsOnANonMasterKey() throws {
        let error = try #require(failure("""
            \(Self.minimalSession)
            accounts = ["primary"]
            """))
        #expect(error.kind == .invalidValue)
        #expect(error.line == 5)
        #expect(error.key == "accounts")
        #expect(error.message.contains("master"))
    }

    @Test func emptyName() throws {
        let error = try #require(failure("""
            [[session]]
            api_key = "account-aaaa"
            name = ""
            secret_env = "A"
            """))
        #expect(error.kind == .invalidValue)
        #expect(error.line == 3)
        #expect(error.key == "name")
        #expect(error.section == "session #1")
    }

    @Test func nameWithSlash() throws {
        let error = try #require(failure("""
            [[session]]
            api_key = "account-aaaa"
            secret_env = "A"
            name = "desk/1"
            """))
        #expect(error.kind == .invalidValue)
        #expect(error.line == 4)
        #expect(error.key == "name")
        #expect(error.message.contains("SESSION/ACCOUNT"))
    }

    @Test func apiKeyMustLookLikeOne() throws {
        let error = try #require(failure("""
            [[session]]
            name = "a"
            api_key = "Zk3+sEcReT/q"
            secret_env = "A"
            """))
        #expect(error.kind == .invalidValue)
        #expect(error.line == 3)
        #expect(error.key == "api_key")
        #expect(!error.description.contains("Zk3+sEcReT"))
    }

    @Test(arguments: ["conformance-api-key", "mykey", "yTDxvqbRmDZKH3ISk8Ln", "legacy_key.2"])
    func keysWithoutAPrefixAreAccountKeys(apiKey: String) throws {
        let config = try load("""
            [[session]]
            name = "legacy"
            api_key = "\(apiKey)"
            secret_env = "A"
            """)
        #expect(config.sessions[0].apiKey == apiKey)
        #expect(!config.sessions[0].isMaster, "only master- keys act on subaccounts")
        // Subaccounts need a master key, as for account- keys.
        let error = try #require(failure("""
            [[session]]
            name = "legacy"
            api_key = "\(apiKey)"
            secret_env = "A"
            accounts = ["desk-2"]
            """))
        #expect(error.key == "accounts")
    }

    @Test func aSessionsCAFileIsAddedToTheRootsOfItsOwnAddressOnly() throws {
        let ca = try directory.write("pem", to: "ca.pem")
        let other = try directory.write("pem", to: "other.pem")
        let config = try load("""
            [[session]]
            name = "a"
            api_key = "account-aaaa"
            secret_env = "A"
            url = "https://exchange.example:8443"
            ca_file = "ca.pem"

            [[session]]
            name = "b"
            api_key = "account-bbbb"
            secret_env = "B"
            url = "https://other.example"
            ca_file = "other.pem"
            ca_system_roots = false

            [[session]]
            name = "c"
            api_key = "account-cccc"
            secret_env = "C"
            environment = "production"
            """)
        #expect(config.sessions.map(\.caSystemRoots) == [true, false, true])
        #expect(config.caTrust == [
            "https://exchange.example:8443": CATrust(caFiles: [ca], systemRoots: true),
            "https://other.example:443": CATrust(caFiles: [other], systemRoots: false),
        ])
    }

    @Test func sessionsSharingAnAddressShareTheUnionOfTheirTrust() throws {
        let ca = try directory.write("pem", to: "ca.pem")
        let config = try load("""
            [[session]]
            name = "a"
            api_key = "account-aaaa"
            secret_env = "A"
            url = "https://exchange.example"
            ca_file = "ca.pem"
            ca_system_roots = false

            [[session]]
            name = "b"
            api_key = "account-bbbb"
            secret_env = "B"
            url = "https://exchange.example:443/"
            """)
        // b asked for the system's roots (it has no CA file of its own): a's file is added to them, not put instead.
        #expect(config.caTrust == ["https://exchange.example:443": CATrust(caFiles: [ca], systemRoots: true)])
    }

    @Test func caSystemRootsNeedsACAFile() throws {
        let error = try #require(failure("""
            \(Self.minimalSession)
            ca_system_roots = false
            """))
        #expect(error.key == "ca_system_roots" && error.kind == .invalidValue)
    }

    @Test func missingCAFile() throws {
        let error = try #require(failure("""
            \(Self.minimalSession)
            ca_file = "/nonexistent/ca.pem"
            """))
        #expect(error.kind == .invalidValue)
        #expect(error.line == 5)
        #expect(error.key == "ca_file")
    }

    @Test func linesSurviveMultiLineStringsAndArrays() throws {
        let error = try #require(failure("""
            theme = \"\"\"
            [[session]]
            secret_envv = 1
            \"\"\"
            [[session]]
            name = "m"
            api_key = "master-aaaa"
            accounts = [
              "a", # [[session]]
              "b",
            ]
            secret_env = "A"
            noncee_unit = "ms"
            """))
        #expect(error.kind == .unknownKey)
        #expect(error.line == 13)
        #expect(error.key == "noncee_unit")
        #expect(error.message.contains("nonce_unit"))
    }
}
