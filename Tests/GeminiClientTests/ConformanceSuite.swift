import Foundation

/// Gemini's SDK conformance cases as recorded in `Conformance/` (see its README): the manifest, and each case by id.
enum ConformanceSuite {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Conformance")

    static let manifest: RawJSON = try! RawJSON(parsing: read("manifest.json"))

    /// The ids of a suite's cases, `<suite>/<case>`, in the manifest's order.
    static func caseIDs(_ suite: String) -> [String] {
        guard let entry = manifest["suites"]?.elements.first(where: { $0["id"]?.string == suite }) else { return [] }
        return entry["cases"]!.elements.map { suite + "/" + $0.string! }
    }

    static var suiteIDs: [String] { manifest["suites"]!.elements.map { $0["id"]!.string! } }

    /// The case file of `id`, parsed losslessly.
    static func load(_ id: String) throws -> RawJSON {
        try RawJSON(parsing: read(id + ".json"))
    }

    /// Every case file under the folder, as ids.
    static func filesOnDisk() -> [String] {
        let root = directory.path + "/"
        let enumerator = FileManager.default.enumerator(atPath: directory.path)!
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") && $0 != "manifest.json" }
            .map { String($0.dropLast(".json".count)) }.sorted().filter { FileManager.default.fileExists(atPath: root + $0 + ".json") }
    }

    private static func read(_ relative: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
    }
}

/// One `http/errors` case: an answer and what it must be read as.
struct ErrorCase: CustomStringConvertible {
    let id: String
    let status: Int
    /// Header names as recorded (lower case).
    let headers: [String: String]
    let body: String
    let kind: String
    let reason: String?
    let retryAfterSeconds: Int?
    /// As the answer to a cancel (once, then the exchange answers as usual).
    let cancelOutcome: String
    let cancelAttempts: Int
    let resentAfterSeconds: Int?

    init(_ id: String) throws {
        let json = try ConformanceSuite.load(id)
        precondition(json["id"]?.string == id, "\(id): the file's id differs")
        self.id = id
        let answer = json["answer"]!
        status = answer["status"]!.int!
        headers = Dictionary(uniqueKeysWithValues: answer["headers"]!.members.map { ($0.0.lowercased(), $0.1.string!) })
        body = answer["body"]!.string!
        let expect = json["expect"]!
        kind = expect["kind"]!.string!
        reason = expect["reason"]?.string
        retryAfterSeconds = expect["retryAfterSeconds"]?.int
        let cancel = json["asCancelAnswer"]!
        cancelOutcome = cancel["outcome"]!.string!
        cancelAttempts = cancel["attempts"]!.int!
        resentAfterSeconds = cancel["resentAfterSeconds"]?.int
    }

    var description: String { id }
}
