import Foundation

/// One row of `gdesk history --json`, as a script reads it.
package struct HistoryJSON: Decodable {
    package var id: Int64
    package var session: String
    package var account: String?
    package var endpoint: String
    package var environment: String
    package var outcome: String
    package var reason: String?
    package var cancelled: [UInt64]
    package var rejected: [UInt64]
    package var attempts: Int
    package var user: String
}
