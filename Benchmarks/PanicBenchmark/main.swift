// gdesk-bench: the benchmarks of docs/PERFORMANCE.md (run them all with scripts/bench).
//
//   gdesk-bench [panic] [--runs N] [--latency MS]      the panic path in one process, no terminal
//   gdesk-bench serve --dir DIR [--targets N] [--latency MS] [--port P]
//                                                      a simulated exchange for the process benchmarks
//   gdesk-bench init-history PATH                      an empty history with the real schema (HistoryStore)
//   gdesk-bench history PATH --session S [--runs N]    history reads in one process: first page, paging to the end
import Foundation

let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? fallback
}
func stringOption(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("gdesk-bench: \(message)\n".utf8))
    exit(64)
}

let mode = arguments.count > 1 && !arguments[1].hasPrefix("-") ? arguments[1] : "panic"
switch mode {
case "panic":
    try await runInProcessPanic(runs: option("--runs", 7), latency: option("--latency", 50))
case "serve":
    guard let directory = stringOption("--dir") else { fail("serve needs --dir DIR") }
    try await serveExchange(directory: directory, targets: option("--targets", 200), latency: option("--latency", 50),
                            port: option("--port", 0))
case "init-history":
    guard arguments.count > 2 else { fail("init-history needs a path") }
    try initHistory(path: arguments[2])
case "history":
    guard arguments.count > 2, let session = stringOption("--session") else { fail("history needs a path and --session S") }
    try await benchHistory(path: arguments[2], session: session, runs: option("--runs", 7))
default:
    fail("unknown mode \(mode); modes: panic, serve, init-history, history")
}
