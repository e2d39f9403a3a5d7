import Foundation

/// A fresh directory under the system's temporary directory, removed by `remove()` or when the value is released.
///
/// Keep the value for as long as its path is used (a suite's stored property, or `defer { directory.remove() }` in a
/// test): Swift may release an object right after its last use, and the directory goes with it.
package final class TemporaryDirectory: Sendable {
    package let path: String

    /// Creates `<temporary directory>/<prefix>-<UUID>`, with `permissions` when given (else the umask's).
    package init(prefix: String = "gdesk-tests", permissions: Int? = nil) throws {
        path = FileManager.default.temporaryDirectory.path + "/" + prefix + "-" + UUID().uuidString
        let attributes: [FileAttributeKey: Any] = permissions.map { [.posixPermissions: $0] } ?? [:]
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: attributes)
    }

    deinit { remove() }

    /// Removes the directory and everything in it. Safe to call more than once.
    package func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` to `name` inside the directory with `mode`; returns the file's path.
    @discardableResult
    package func write(_ text: String, to name: String, mode: Int = 0o600) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }
}
