import CProcess
import Foundation
import Synchronization

/// Once a secret is in memory, the process must not leave it in a core file or let another process of the same user
/// read its memory: the core size limit goes to 0 and the process is made undumpable (`prctl(PR_SET_DUMPABLE, 0)`).
/// Children started afterwards (a `secret_command`) are unaffected: exec resets dumpability.
public enum CoreDumpGuard {
    private static let engaged = Mutex(false)

    /// Engages the guard (once; later calls do nothing). Returns false if the system refused, which changes nothing
    /// else: a cancel never waits on it.
    @discardableResult
    public static func engage() -> Bool {
        engaged.withLock { done in
            guard !done else { return true }
            done = true
            return gd_forbid_core_dumps() == 0
        }
    }

    /// Whether the process may currently dump core (for tests and `gdesk check`).
    public static var processIsDumpable: Bool { gd_is_dumpable() != 0 }
}
