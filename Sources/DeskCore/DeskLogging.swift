import Logging

/// Process-wide logging set-up.
public enum DeskLogging {
    /// Sends every `Logger` of the process to the file at `path` (created 0600, directories 0700) from `level` up.
    /// Call once, early in `main`: swift-log allows one bootstrap per process.
    public static func bootstrap(path: String, level: Logger.Level = .info) throws {
        let file = try LogFile(path: path)
        LoggingSystem.bootstrap { label in
            FileLogHandler(label: label, file: file, level: level)
        }
    }
}
