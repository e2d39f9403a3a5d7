// What wakes the event loop: an event for the app, or the terminal (keys waiting, a stop signal, the terminal gone).
enum LoopEvent: Sendable, Equatable {
    case app(AppEvent)
    case terminal(InputPump.Wake)
}
