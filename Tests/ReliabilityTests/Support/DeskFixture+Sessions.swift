import Foundation
import TestSupport

extension DeskFixture {
    /// Points the sessions named (added through `extraConfig`, written before the exchange had a port) at the exchange.
    func pointAtExchange(_ sessions: [String]) throws {
        var text = try String(contentsOfFile: configPath, encoding: .utf8)
        for name in sessions {
            text = text.replacingOccurrences(of: "name = \"\(name)\"\n", with: "name = \"\(name)\"\nurl = \"\(exchange.baseURL)\"\n")
        }
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }
}
