import Foundation

/// Finds `gdesk-exchange`, the simulated exchange's own program: beside this executable first (an install's
/// /usr/bin, or a build directory), then on PATH.
enum ExchangeExecutable {
    static let name = "gdesk-exchange"

    /// Its path, or nil with the places looked in.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<String, NotFound> {
        var places: [String] = []
        if let own = ownDirectory() { places.append(own) }
        places += (environment["PATH"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty && $0 != places.first }
        for directory in places {
            let candidate = directory + "/" + name
            if access(candidate, X_OK) == 0 { return .success(candidate) }
        }
        return .failure(NotFound(places: places))
    }

    /// The directory of the running executable, symbolic links resolved.
    private static func ownDirectory() -> String? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? nil : directory
    }

    /// gdesk-exchange is not installed where gdesk looks for it.
    struct NotFound: Error, CustomStringConvertible {
        var places: [String]
        var description: String {
            "\(ExchangeExecutable.name), the simulated exchange, is not installed (looked in \(places.joined(separator: ", "))); "
                + "on Debian it is the package gdesk-exchange"
        }
    }
}
