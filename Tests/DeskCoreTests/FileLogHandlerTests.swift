import Foundation
import Logging
import TestSupport
import Testing
@testable import DeskCore

@Suite struct FileLogHandlerTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func writesOneFormattedLinePerMessage() throws {
        let path = directory.path + "/state/gdesk.log"
        var logger = Logger(label: "gdesk.cancel") { label in
            FileLogHandler(label: label, file: try! LogFile(path: path), level: .debug)
        }
        logger[metadataKey: "session"] = "mm-bot-1"
        logger.info("cancel sent", metadata: ["attempt": "1", "target": "m/desk 2"])
        logger.trace("not shown")
        logger.warning("two\nlines")

        let written = try lines(path)
        #expect(written.count == 2)
        let first = written[0].split(separator: " ", maxSplits: 1).map(String.init)
        #expect(first[0].hasSuffix("Z"))
        #expect(ISO8601DateFormatter().date(from: first[0].replacingOccurrences(of: #"\.\d+"#, with: "", options: .regularExpression)) != nil)
        #expect(first[1] == #"INFO [gdesk.cancel] cancel sent attempt=1 session=mm-bot-1 target="m/desk 2""#)
        #expect(written[1].hasSuffix(#"WARNING [gdesk.cancel] two\nlines session=mm-bot-1"#))

        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let directoryMode = try FileManager.default.attributesOfItem(atPath: directory.path + "/state")[.posixPermissions] as? Int
        #expect(directoryMode == 0o700)
    }

    @Test func existingFileIsAppendedAndMadePrivate() throws {
        let path = try directory.write("old line\n", to: "gdesk.log", mode: 0o644)
        let handler = FileLogHandler(label: "t", file: try LogFile(path: path))
        Logger(label: "t", factory: { _ in handler }).error("new line")
        let written = try lines(path)
        #expect(written.first == "old line")
        #expect(written.last?.hasSuffix("ERROR [t] new line") == true)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func concurrentWritersNeverInterleave() async throws {
        let file = try LogFile(path: directory.path + "/gdesk.log")
        let long = String(repeating: "x", count: 2000)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    let logger = Logger(label: "w\(task)") { FileLogHandler(label: $0, file: file) }
                    for index in 0..<100 { logger.info("\(long)", metadata: ["n": "\(index)"]) }
                }
            }
        }
        let written = try lines(file.path)
        #expect(written.count == 800)
        #expect(written.allSatisfy { $0.contains(" INFO [w") && $0.contains(long + " n=") })
    }

    @Test func quotingKeepsValuesReadable() {
        let line = FileLogHandler.format(date: Date(timeIntervalSince1970: 0), level: .notice, label: "l",
                                         message: "m", metadata: ["a": "say \"hi\"", "b": "back\\slash", "c": ""])
        #expect(line == #"1970-01-01T00:00:00.000Z NOTICE [l] m a="say \"hi\"" b="back\\slash" c="""#)
    }
}
