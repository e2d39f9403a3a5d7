/// A scripted bot and whether it has stopped (a `stop` bot whose orders were cancelled).
struct BotState: Sendable {
    var script: BotScript
    var stopped = false
}
