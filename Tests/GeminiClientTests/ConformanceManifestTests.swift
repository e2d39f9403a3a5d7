import Testing

/// The recorded suite is whole: every listed case has its file, every file is listed, nothing applicable went missing.
@Suite struct ConformanceManifestTests {
    @Test func everyListedCaseHasAFileAndEveryFileIsListed() {
        let listed = ConformanceSuite.suiteIDs.flatMap(ConformanceSuite.caseIDs).sorted()
        #expect(listed == ConformanceSuite.filesOnDisk())
        #expect(Set(listed).count == listed.count, "a case listed twice")
    }

    @Test func theApplicableSuitesAreAllThere() {
        // Gemini's manifest (version 1): 11 error cases, 3 HTTP signing cases (a 4th is the WebSocket upgrade), 4 JSON.
        #expect(ConformanceSuite.caseIDs("http/errors").count == 11)
        #expect(ConformanceSuite.caseIDs("http/hmac-requests").count == 3)
        #expect(ConformanceSuite.caseIDs("json").count == 4)
        let skipped = ConformanceSuite.manifest["notApplicable"]!.elements.map { $0["id"]!.string! }
        #expect(skipped.contains("http/hmac-requests/websocket-upgrade-nonce"))
        #expect(Set(skipped).isDisjoint(with: ConformanceSuite.suiteIDs.flatMap(ConformanceSuite.caseIDs)))
    }

    @Test func eachCaseFileNamesItsOwnIDAndWhereItWasRecordedFrom() throws {
        for id in ConformanceSuite.suiteIDs.flatMap(ConformanceSuite.caseIDs) {
            let json = try ConformanceSuite.load(id)
            #expect(json["id"]?.string == id)
            #expect(json["recordedFrom"]?.string == "gemini/developer-platform, conformance/\(id).json")
        }
    }

    @Test func theLosslessReaderKeepsNumberTextAndKeyOrder() throws {
        let json = try RawJSON(parsing: #"{"b":9007199254740993,"a":[0.00000001,"x\u00e9\n"],"c":null,"d":true}"#)
        #expect(json.members.map(\.0) == ["b", "a", "c", "d"])
        #expect(json["b"] == .number("9007199254740993"))
        #expect(json["a"]?.elements == [.number("0.00000001"), .string("xé\n")])
        #expect(json.description == #"{"b":9007199254740993,"a":[0.00000001,"xé\n"],"c":null,"d":true}"#)
        #expect(throws: RawJSON.ParseError.self) { try RawJSON(parsing: #"{"a":1"#) }
        #expect(throws: RawJSON.ParseError.self) { try RawJSON(parsing: #"{"a":1} x"#) }
    }
}
