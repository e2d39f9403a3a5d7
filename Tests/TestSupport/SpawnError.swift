import Foundation

/// A child process that could not be started: what was being started and the errno-style code.
package struct SpawnError: Error, CustomStringConvertible {
    package var what: String
    package var code: Int32
    package var description: String { "cannot start \(what): \(String(cString: strerror(code)))" }
}
