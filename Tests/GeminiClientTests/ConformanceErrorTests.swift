import GeminiClient
import Testing

/// `http/errors` cases read by `ResponseParser`: status, headers and body → kind, status, reason, retry-after.
@Suite struct ConformanceErrorTests {
    @Test(arguments: ConformanceSuite.caseIDs("http/errors"))
    func readAsTheSuiteSays(id: String) throws {
        let c = try ErrorCase(id)
        let error = try #require(ResponseParser.error(status: c.status, headers: c.headers, body: Array(c.body.utf8)), "\(id): not an error")
        #expect(error.kind.rawValue == c.kind, "\(id): \(error)")
        #expect(error.status == c.status, "\(id)")
        if let reason = c.reason {
            #expect(error.reason?.description == reason && error.reasonText == reason, "\(id): \(error)")
        }
        #expect(error.retryAfter == c.retryAfterSeconds.map { .seconds($0) }, "\(id)")
        // A cancel answered this way said nothing was cancelled.
        #expect(ResponseParser.cancel(status: c.status, body: Array(c.body.utf8)).failure != nil, "\(id)")
    }
}

extension Result {
    var failure: Failure? { if case .failure(let f) = self { f } else { nil } }
}
