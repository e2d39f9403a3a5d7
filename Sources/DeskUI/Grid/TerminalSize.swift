// Columns by rows.
struct TerminalSize: Sendable, Hashable, CustomStringConvertible {
    var width: Int
    var height: Int

    // The smallest screen the desk draws on; below it a "please enlarge" screen is shown.
    static let minimum = TerminalSize(width: 60, height: 16)

    var isBelowMinimum: Bool { width < Self.minimum.width || height < Self.minimum.height }

    var description: String { "\(width)×\(height)" }
}
