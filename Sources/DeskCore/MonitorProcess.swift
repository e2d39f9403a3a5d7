import Foundation
import GeminiClient

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The `gdesk-monitor` sidecar as a child process: started with posix_spawn in a process group of its own, its
// standard input a pipe that carries the API key and the secret (never argv or the environment) and then stays open
// as its lifeline, its standard output the pipe of monitor lines, its standard error /dev/null.
//
// A crash/hang boundary: whatever the sidecar does, the desk only ever reads lines from a pipe.
struct MonitorProcess: Sendable {
    let pid: pid_t
    // Our end of the child's standard input: closing it ends the child.
    let lifeline: Int32
    // The read end of the child's standard output.
    let output: Int32

    // The variables the child gets: enough to find CA bundles and proxies, none of gdesk's secret variables.
    static let passedVariables = ["PATH", "HOME", "TMPDIR", "LANG", "SSL_CERT_FILE", "SSL_CERT_DIR"]

    static func start(executable: String, arguments: [String], apiKey: String, secret: APISecret) -> Result<MonitorProcess, Errno> {
        ShellChild.spawning.lock()
        defer { ShellChild.spawning.unlock() }
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1]
        guard pipe(&input) == 0 else { return .failure(Errno(errno)) }
        guard pipe(&output) == 0 else {
            let code = errno
            input.forEach { close($0) }
            return .failure(Errno(code))
        }
        for fd in input + output { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        if let closeFrom = ShellChild.closeFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let environment = ProcessInfo.processInfo.environment
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = passedVariables.compactMap { name in environment[name].map { strdup("\(name)=\($0)") } } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(input[0])
        close(output[1])
        guard spawned == 0 else {
            close(input[1])
            close(output[0])
            return .failure(Errno(spawned))
        }
        // A sidecar that died at once must not take the desk with it: SIGPIPE is ignored by the desk's writes here.
        let key = Array("\(apiKey)\n".utf8)
        let sentKey = key.withUnsafeBytes { write(input[1], $0.baseAddress, $0.count) } == key.count
        guard sentKey, secret.write(toDescriptor: input[1]) else {
            let child = MonitorProcess(pid: pid, lifeline: input[1], output: output[0])
            child.stop()
            return .failure(Errno(EPIPE))
        }
        return .success(MonitorProcess(pid: pid, lifeline: input[1], output: output[0]))
    }

    // Closes the lifeline (the child exits on its own), kills the group in case it hangs, and reaps it off this thread.
    func stop() {
        close(lifeline)
        let pid = self.pid
        kill(-pid, SIGKILL)
        DispatchQueue.global().async {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }
}
