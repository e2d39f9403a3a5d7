import Foundation
import GeminiClient
import TestSupport
import Testing
@testable import DeskCore

@Suite struct SecretResolverTests {
    static let secret = "s3cr3t-Zq9xW2-value"
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    func resolver(_ environment: [String: String] = [:], timeout: Duration = .seconds(10)) -> SecretResolver {
        var environment = environment
        environment["PATH"] = "/usr/bin:/bin"
        return SecretResolver(environment: environment, commandTimeout: timeout)
    }

    /// The error resolving `source` gives; checks it does not leak the secret.
    func failure(_ source: SecretSource, _ resolver: SecretResolver,
                 sourceLocation: SourceLocation = #_sourceLocation) -> SecretError? {
        do {
            _ = try resolver.resolve(source, session: "desk")
            Issue.record("expected a SecretError", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(!error.description.contains(Self.secret), sourceLocation: sourceLocation)
            #expect(!error.description.contains("Zq9xW2"), sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix("session \"desk\": secret from "), sourceLocation: sourceLocation)
            return error
        }
    }

    func expectSecret(_ secret: APISecret, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(secret.appears(in: Self.secret), sourceLocation: sourceLocation)
        // Contained in the full value but in neither shortened one: it is exactly the value.
        #expect(!secret.appears(in: String(Self.secret.dropFirst())), sourceLocation: sourceLocation)
        #expect(!secret.appears(in: String(Self.secret.dropLast())), sourceLocation: sourceLocation)
    }

    // MARK: - Environment

    @Test func environmentVariable() throws {
        let secret = try resolver(["GDESK_SECRET": Self.secret]).resolve(.environment("GDESK_SECRET"), session: "desk")
        expectSecret(secret)
    }

    @Test func unsetOrEmptyVariable() throws {
        let unset = try #require(failure(.environment("GDESK_SECRET"), resolver()))
        #expect(unset.kind == .environmentVariableUnset)
        #expect(unset.message.contains("GDESK_SECRET"))
        let empty = try #require(failure(.environment("GDESK_SECRET"), resolver(["GDESK_SECRET": ""])))
        #expect(empty.kind == .empty)
    }

    // MARK: - File

    @Test func privateFileIsRead() throws {
        let path = try directory.write(Self.secret + "\n", to: "secret", mode: 0o600)
        expectSecret(try resolver().resolve(.file(path), session: "desk"))
        let readOnly = try directory.write(Self.secret, to: "secret-ro", mode: 0o400)
        expectSecret(try resolver().resolve(.file(readOnly), session: "desk"))
    }

    @Test func worldReadableFileIsRefusedWithChmodHint() throws {
        let path = try directory.write(Self.secret, to: "secret", mode: 0o644)
        let error = try #require(failure(.file(path), resolver()))
        #expect(error.kind == .fileTooOpen)
        #expect(error.message.contains("chmod 600 \(path)"))
        #expect(error.message.contains("644"))
    }

    @Test func groupWritableFileIsRefused() throws {
        let path = try directory.write(Self.secret, to: "secret", mode: 0o620)
        #expect(failure(.file(path), resolver())?.kind == .fileTooOpen)
    }

    @Test func missingFileDirectoryAndEmptyFile() throws {
        #expect(failure(.file(directory.path + "/none"), resolver())?.kind == .fileMissing)
        #expect(failure(.file(directory.path), resolver())?.kind == .fileNotRegular)
        let empty = try directory.write("\n", to: "empty")
        #expect(failure(.file(empty), resolver())?.kind == .empty)
        let twoLines = try directory.write(Self.secret + "\nmore\n", to: "two")
        #expect(failure(.file(twoLines), resolver())?.kind == .malformed)
    }

    // MARK: - Command

    @Test func commandOutputIsTheSecret() throws {
        let secret = try resolver(["VALUE": Self.secret]).resolve(.command("printf '%s\\n' \"$VALUE\""), session: "desk")
        expectSecret(secret)
    }

    @Test func commandDoesNotReadStandardInput() throws {
        // `cat` would wait forever on a terminal; with stdin closed it ends at once with nothing.
        let error = try #require(failure(.command("cat"), resolver(timeout: .seconds(5))))
        #expect(error.kind == .empty)
    }

    /// Issue 9 item 8: the secret on standard output, on standard error, or both: the message says the command failed and
    /// its exit status, and nothing it printed.
    @Test(arguments: [
        "echo \(SecretResolverTests.secret); exit 3",
        "echo \(SecretResolverTests.secret) >&2; exit 3",
        "echo \(SecretResolverTests.secret); echo 'gpg: decryption failed' >&2; echo leaked \(SecretResolverTests.secret) >&2; exit 3",
        "printf %s \(SecretResolverTests.secret) >&2; exit 3",
    ])
    func aFailingCommandsOutputIsNeverShown(command: String) throws {
        let error = try #require(failure(.command(command), resolver()))
        #expect(error.kind == .commandFailed)
        #expect(error.message.hasPrefix("the command failed with exit status 3"), "\(error.message)")
        #expect(!error.message.contains("gpg") && !error.message.contains("leaked") && !error.description.contains(Self.secret))
        #expect(error.source == "command")
    }

    @Test func longStandardErrorIsTruncated() throws {
        let error = try #require(failure(.command("head -c 20000 /dev/zero | tr '\\0' e >&2; exit 1"), resolver()))
        #expect(error.kind == .commandFailed)
        #expect(error.message.count < 400)
    }

    @Test func emptyOutputIsAnError() throws {
        #expect(failure(.command("true"), resolver())?.kind == .empty)
    }

    @Test func slowCommandIsKilled() throws {
        let start = ContinuousClock.now
        let error = try #require(failure(.command("echo \(Self.secret); sleep 30"), resolver(timeout: .milliseconds(300))))
        #expect(error.kind == .commandTimedOut)
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func grandchildHoldingThePipeIsKilledToo() throws {
        let start = ContinuousClock.now
        let error = try #require(failure(.command("(sleep 30; echo late) & echo early"), resolver(timeout: .milliseconds(300))))
        #expect(error.kind == .commandTimedOut)
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func resolvesOffThePool() async throws {
        let secret = try await resolver(["VALUE": Self.secret]).resolveInBackground(.command("echo \"$VALUE\""), session: "desk")
        expectSecret(secret)
    }

    @Test func commandTextIsNeverInTheError() throws {
        let error = try #require(failure(.command("exit 1 # token=\(Self.secret)"), resolver()))
        #expect(error.kind == .commandFailed)
    }
}
