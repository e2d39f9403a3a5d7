/// Which Gemini a session talks to.
public enum Environment: String, Sendable, Codable, CaseIterable, Comparable {
    case production
    case sandbox

    public var defaultBaseURL: String {
        switch self {
        case .production: "https://api.gemini.com"
        case .sandbox: "https://api.sandbox.gemini.com"
        }
    }

    /// A short label that makes production unmistakable without colour.
    public var marker: String {
        switch self {
        case .production: "PROD"
        case .sandbox: "sbx"
        }
    }

    public static func < (a: Environment, b: Environment) -> Bool { a.rawValue < b.rawValue }
}
