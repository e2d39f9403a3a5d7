import Foundation

/// A checked exchange base URL: `https://`, or `http://` to a loopback host only (the simulated exchange).
public struct BaseURL: Sendable, Equatable, CustomStringConvertible {
    public let string: String

    public init(_ text: String) throws(GeminiError) {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let parts = URLComponents(string: trimmed), let scheme = parts.scheme?.lowercased(),
              let host = parts.host, !host.isEmpty else {
            throw .refused("\"\(text)\" is not a URL like https://api.gemini.com")
        }
        guard parts.path.isEmpty, parts.query == nil else {
            throw .refused("\"\(text)\": give only scheme, host and port (no path or query)")
        }
        switch scheme {
        case "https": break
        case "http" where BaseURL.isLoopback(host): break
        case "http": throw .refused("\"\(text)\": plain http is allowed only for loopback hosts; use https://")
        default: throw .refused("\"\(text)\": scheme must be https")
        }
        string = trimmed
    }

    public var description: String { string }

    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" { return true }
        let octets = h.split(separator: ".")
        return octets.count == 4 && octets.first == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
