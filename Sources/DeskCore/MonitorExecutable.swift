import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds `gdesk-monitor`, the order events sidecar: `$GDESK_MONITOR` if set, else beside the running executable (an
/// install's /usr/bin, a build directory), else on PATH.
public enum MonitorExecutable {
    public static let name = "gdesk-monitor"

    /// Its path, or a message naming the places looked in.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<String, NotFound> {
        if let path = environment["GDESK_MONITOR"], !path.isEmpty {
            return access(path, X_OK) == 0 ? .success(path) : .failure(NotFound(places: [path]))
        }
        var places: [String] = []
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { places.append(directory) }
        }
        places += (environment["PATH"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty && !places.contains($0) }
        for directory in places where access(directory + "/" + name, X_OK) == 0 {
            return .success(directory + "/" + name)
        }
        return .failure(NotFound(places: places))
    }

    /// gdesk-monitor is not where gdesk looks for it.
    public struct NotFound: Error, Sendable, CustomStringConvertible {
        public var places: [String]

        public init(places: [String]) { self.places = places }

        public var description: String {
            "\(MonitorExecutable.name), the order events monitor, is not installed (looked in \(places.joined(separator: ", ")))"
        }
    }
}
