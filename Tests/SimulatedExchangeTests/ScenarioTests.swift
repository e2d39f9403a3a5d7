import Foundation
import SimulatedExchange
import Testing

@Suite struct ScenarioTests {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString).json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func loadsAFileFillingDefaults() async throws {
        let path = try write("""
        {
          "keys": [
            {"apiKey": "account-a", "secret": "s1", "requireHeartbeat": true},
            {"apiKey": "master-m", "secret": "s2", "roles": {"isTrader": false, "isAuditor": true},
             "accounts": [{"name": "desk"}, {"name": "cold", "type": "custody"}]}
          ],
          "orders": [
            {"id": 9007199254740993, "apiKey": "account-a", "symbol": "ethusd"},
            {"id": "18446744073709551615", "apiKey": "master-m", "account": "desk", "onCancel": "rejectFilled"}
          ],
          "latencyMilliseconds": 40,
          "faults": {"account-a": {"fault": {"latency": 250}, "remaining": 2}, "master-m": {"fault": "hang"}},
          "heartbeatTimeoutSeconds": 5
        }
        """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let scenario = try ExchangeScenario.load(path: path)
        #expect(scenario.keys.map(\.apiKey) == ["account-a", "master-m"])
        #expect(scenario.keys[0].roles == ExchangeRoles() && scenario.keys[0].requireHeartbeat && !scenario.keys[0].timeBasedNonce)
        #expect(scenario.keys[1].roles == ExchangeRoles(isTrader: false, isAuditor: true))
        #expect(scenario.keys[1].accounts == [ExchangeAccount(name: "desk"), ExchangeAccount(name: "cold", type: "custody")])
        #expect(scenario.orders == [
            SimOrder(id: 9_007_199_254_740_993, apiKey: "account-a", symbol: "ethusd"),
            SimOrder(id: UInt64.max, apiKey: "master-m", account: "desk", onCancel: .rejectFilled),
        ])
        #expect(scenario.latencyMilliseconds == 40 && scenario.rateLimit == RateLimitPolicy())
        #expect(scenario.faults == [
            "account-a": FaultRule(fault: .latency(milliseconds: 250), remaining: 2), "master-m": FaultRule(fault: .hang),
        ])
        #expect(scenario.heartbeatTimeoutSeconds == 5)
    }

    @Test func encodesAndDecodesToTheSameScenario() throws {
        var scenario = Fixture.scenario(orders: [SimOrder(id: Fixture.hugeID, apiKey: Fixture.trader.apiKey, onCancel: .rejectAlreadyCancelled)])
        scenario.faults = [Fixture.trader.apiKey: FaultRule(fault: .latency(milliseconds: 5), remaining: 3),
                           Fixture.other.apiKey: FaultRule(fault: .truncatedJSON)]
        let data = try JSONEncoder().encode(scenario)
        #expect(try JSONDecoder().decode(ExchangeScenario.self, from: data) == scenario)
        #expect(String(decoding: data, as: UTF8.self).contains("18446744073709551614"))
    }

    @Test(arguments: [
        ("{\"keys\": [", "not valid JSON"),
        (#"{"keys": [{"apiKey": "account-a"}]}"#, "keys[0].secret: required field is missing"),
        (#"{"keys": [{"apiKey": "account-a", "secret": 7}]}"#, "keys[0].secret: expected a string"),
        (#"{"keys": [{"apiKey": "account-a", "secret": "s"}], "faults": {"account-a": {"fault": "explode"}}}"#, "unknown fault 'explode'"),
        (#"{"keys": [{"apiKey": "account-a", "secret": "s"}], "orders": [{"id": 1, "apiKey": "account-b"}]}"#, "orders[0].apiKey 'account-b' is not one of the scenario's keys"),
        (#"{"keys": [{"apiKey": "account-a", "secret": "s"}], "orders": [{"id": "twelve", "apiKey": "account-a"}]}"#, "orders[0].id"),
        (#"{"keys": [{"apiKey": "account-a", "secret": "s"}, {"apiKey": "account-a", "secret": "t"}]}"#, "keys[1].apiKey 'account-a' appears twice"),
        (#"{"keys": [{"apiKey": "master-m", "secret": "s", "accounts": [{"name": "x", "type": "savings"}]}]}"#, "keys[0].accounts[0].type 'savings'"),
        (#"{"keys": [{"apiKey": "key a", "secret": "s"}]}"#, "keys[0].apiKey 'key a' must be non-empty, without spaces"),
        (#"{"keys": [{"apiKey": "account-a", "secret": "s"}], "faults": {"account-a": {"fault": {"answer": {"status": 42}}}}}"#, "status must be 100 to 599"),
    ])
    func badFileIsNamedWithWhatIsWrong(content: String, expected: String) throws {
        let path = try write(content)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try ExchangeScenario.load(path: path)
            Issue.record("loaded a bad scenario")
        } catch let error as ScenarioError {
            #expect(error.path == path)
            #expect(error.description.hasPrefix("scenario \(path): "))
            #expect(error.problem.contains(expected), "\(error.problem)")
        }
    }

    @Test func missingFileIsNamed() {
        let path = "/nonexistent/scenario.json"
        #expect { try ExchangeScenario.load(path: path) } throws: { error in
            guard let error = error as? ScenarioError else { return false }
            return error.path == path && error.problem.hasPrefix("cannot be read")
        }
    }
}
