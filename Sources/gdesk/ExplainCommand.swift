import ArgumentParser
import DeskCore

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Say in plain words why an order could not be cancelled (its status).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("SESSION or SESSION/ACCOUNT", valueName: "target")) var target: String
    @Argument(help: ArgumentHelp("The order ID.", valueName: "order-id")) var orderID: String

    func run() async throws {
        guard let id = TargetID(parsing: target) else { throw ValidationError("\"\(target)\" is not a target: write SESSION or SESSION/ACCOUNT") }
        guard let order = UInt64(orderID) else { throw ValidationError("\"\(orderID)\" is not an order ID (a whole number)") }
        let context = try await DeskContext.open(global)
        defer { context.close() }
        guard context.config.session(named: id.session) != nil else {
            throw ValidationError("no session named \"\(id.session)\" in \(context.config.path)")
        }
        print(await context.desk.explain(id, orderID: order))
    }
}
