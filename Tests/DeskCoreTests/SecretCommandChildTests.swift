import DeskCore
import Foundation
import Testing

// A secret_command runs through posix_spawn (ShellChild), not Foundation's Process: what the child gets.
@Suite struct SecretCommandChildTests {
    @Test func theCommandSeesOnlyItsOwnStandardStreams() throws {
        // A descriptor of this process that is not close-on-exec must not reach the command.
        let leaked = open("/dev/null", O_RDONLY)
        defer { close(leaked) }
        let count = try SecretResolver().resolve(.command("ls /proc/self/fd | wc -l | tr -d ' '"), session: "s")
        // 0, 1, 2 and the directory ls reads.
        #expect(count.appears(in: "4"), "descriptors seen by the command: \(count.debugDescription)")
    }

    @Test func aCommandKilledByASignalSaysSo() {
        let error = #expect(throws: SecretError.self) {
            _ = try SecretResolver().resolve(.command("kill -TERM $$"), session: "s")
        }
        #expect(error?.kind == .commandFailed && error?.message.contains("killed by signal 15") == true, "\(String(describing: error))")
    }
}
