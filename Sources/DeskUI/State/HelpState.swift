// The help overlay, describing the key table beneath it.
struct HelpState: Sendable, Equatable {
    var table: KeyTableID
    var scroll = 0
}
