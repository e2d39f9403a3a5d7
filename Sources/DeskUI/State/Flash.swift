import Foundation

// A message in the status line that goes away by itself.
struct Flash: Sendable, Equatable {
    var level: FlashLevel
    var text: String
    var expires: Date
}
