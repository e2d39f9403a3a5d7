import Foundation
import Testing
@testable import DeskCore

// Order IDs read back from the history: the quick reading of the stored form must agree with the general one.
@Suite struct HistoryIDDecodingTests {
    @Test func theStoredFormReadsTheSameBothWays() throws {
        for ids: [UInt64] in [[], [0], [1, 22, 333], [UInt64.max], [73_340_000_000, 7, 0]] {
            let text = OrderIDList.encode(ids)
            // JSON that any reader of the history (the sqlite3 shell, scripts) reads as the same strings.
            #expect(try JSONDecoder().decode([String].self, from: Data(text.utf8)) == ids.map(String.init))
            #expect(OrderIDList.decodeCanonical(text) == ids)
            #expect(OrderIDList.decode(text) == ids)
        }
    }

    @Test func otherFormsAreLeftToTheGeneralWay() {
        #expect(OrderIDList.decodeCanonical(#"[ "1", "2" ]"#) == nil)
        #expect(OrderIDList.decode(#"[ "1", "2" ]"#) == [1, 2])
        for bad in ["", "[", "]", #"[""]"#, #"["1",]"#, "[1]", #"["18446744073709551616"]"#, #"["1"]x"#, #"["-1"]"#,
                    #"["1" "2"]"#] {
            #expect(OrderIDList.decodeCanonical(bad) == nil, "\(bad)")
        }
    }
}
