import DeskCore
import Foundation

/// Where themes are looked for, first match wins: the user's config dir, $GDESK_THEMES, then the themes shipped
/// beside the binary (an install's share/gdesk/themes, or the source tree's themes/ for a `swift build`), then the
/// Debian package's /usr/share/gdesk/themes (for a gdesk run from elsewhere, say a copy in /usr/local/bin).
enum ThemeLocations {
    /// Where the Debian package installs the themes.
    static let packaged = "/usr/share/gdesk/themes"

    static func searchPaths(_ paths: DeskPaths, environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var result = [paths.themesDirectory]
        if let extra = environment["GDESK_THEMES"], !extra.isEmpty { result.append(extra) }
        // The running executable's directory: /proc/self/exe, not argv[0], which is a bare name when run from PATH.
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let executable = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
        result.append(executable.appendingPathComponent("../share/gdesk/themes").standardizedFileURL.path)
        var directory = executable
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("themes")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.toml").path),
               FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                result.append(candidate.path)
                break
            }
            directory = directory.deletingLastPathComponent()
        }
        if !result.contains(packaged) { result.append(packaged) }
        return result
    }
}
