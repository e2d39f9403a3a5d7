import ArgumentParser
import DeskCore
import Foundation

struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sessions", abstract: "List the targets: session, account, environment, key, last result.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let context = try await DeskContext.open(global)
        defer { context.close() }
        let targets = await context.desk.targets()
        let last = await context.desk.lastResults()
        if json {
            let rows = targets.map { SessionRow(target: $0, last: last[$0.id]) }
            print(try JSONOutput.encode(rows))
            return
        }
        var table = TextTable(["TARGET", "ENV", "KEY", "HB", "LAST CANCEL", "OUTCOME", "CANCELLED", "REJECTED"])
        for target in targets {
            let entry = last[target.id]
            table.add([
                target.id.description, target.environment.marker, target.maskedKey, target.requireHeartbeat ? "hb" : "-",
                entry.map { Format.time($0.time) } ?? "never", entry.map(Format.outcome) ?? "-",
                entry.map { String($0.cancelled.count) } ?? "-", entry.map { String($0.rejected.count) } ?? "-",
            ])
        }
        print(table.render(), terminator: "")
    }
}
