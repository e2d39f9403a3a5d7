// The help overlay, describing the key table beneath it.
struct HelpState: Sendable, Equatable {
    var controller: ControllerID
    var scroll = 0
}
