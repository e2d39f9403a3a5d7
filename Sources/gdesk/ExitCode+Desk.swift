import ArgumentParser

extension ExitCode {
    /// A target was not ok, or a cancel was refused.
    static let notAllOK = ExitCode(2)
    /// EX_CONFIG: the config is unusable.
    static let badConfig = ExitCode(78)
}
