import ArgumentParser

extension ExitCode {
    /// A target was not ok, or a cancel was refused.
    static let notAllOK = ExitCode(2)
    /// Every target was cancelled (ok), but a record is not in the history: it is in the fallback journal (merged at
    /// the next start) or only in the system log. A target not ok gives 2 instead.
    static let notInHistory = ExitCode(3)
    /// EX_CONFIG: the config is unusable.
    static let badConfig = ExitCode(78)
}
