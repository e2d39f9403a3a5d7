import Foundation

/// One row of `gdesk cancel --json`, as a script reads it.
package struct CancelJSON: Decodable, Equatable {
    package var session: String
    package var account: String?
    package var outcome: String
    package var cancelled: [UInt64]
    package var rejected: [UInt64]
    package var reason: String?
    package var message: String?
    package var attempts: Int
    package var latency_ms: Int
}
