import Foundation

extension FileHandle {
    /// Writes `text`; a failure (a terminal that went away, a closed pipe) is dropped, never a trap.
    func write(_ text: String) { try? write(contentsOf: Data(text.utf8)) }
}
