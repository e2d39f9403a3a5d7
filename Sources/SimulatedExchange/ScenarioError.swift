import Foundation

/// Why a scenario file could not be used.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, as given to `ExchangeScenario.load(path:)`.
    public var path: String
    /// What is wrong, with the place in the file when known: `keys[1].secret: required field is missing`.
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "scenario \(path): \(problem)" }

    /// Describes a decoding failure by its place in the file.
    static func describe(_ error: DecodingError) -> String {
        func place(_ path: [CodingKey]) -> String {
            var out = ""
            for key in path {
                if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
            return out.isEmpty ? "top level" : out
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(place(context.codingPath + [key])): required field is missing"
        case .typeMismatch(let type, let context):
            return "\(place(context.codingPath)): expected \(typeName(type)) (\(context.debugDescription))"
        case .valueNotFound(let type, let context):
            return "\(place(context.codingPath)): expected \(typeName(type)), found null"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?).map { " (\($0.localizedDescription))" } ?? ""
            if context.codingPath.isEmpty { return "not valid JSON: \(context.debugDescription)\(underlying)" }
            return "\(place(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is UInt64.Type, is Double.Type: "a number"
        case is [Any].Type: "an array"
        default: "\(type)"
        }
    }
}
