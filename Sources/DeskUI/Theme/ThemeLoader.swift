import DeskCore
import Foundation

// Finds themes by name in search folders (`NAME.toml`) or by path, falling back to the built-in default.
enum ThemeLoader {
    // Themes that exist even without files.
    static let builtIn: [String: Theme] = ["default": .builtInDefault, "mono": .builtInMono]

    // Loads `nameOrPath`: a path when it contains "/" or ends in ".toml", else `NAME.toml` in the first search folder
    // that has it, else a built-in theme of that name. Anything unusable gives the default and a warning.
    static func load(_ nameOrPath: String, searchPaths: [String]) -> ThemeLoadResult {
        let isPath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml")
        let file: String?
        if isPath {
            file = nameOrPath
        } else {
            file = searchPaths.map { ($0 as NSString).appendingPathComponent("\(nameOrPath).toml") }
                .first { FileManager.default.fileExists(atPath: $0) }
        }
        guard let file else {
            if let theme = builtIn[nameOrPath] { return ThemeLoadResult(theme: theme) }
            let looked = searchPaths.isEmpty ? "no theme folders" : searchPaths.joined(separator: ", ")
            return ThemeLoadResult(theme: .builtInDefault, warning: "theme \"\(nameOrPath)\" not found (looked in \(looked)); using default")
        }
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        if let problem = FileTrust.check(path: file) {
            return ThemeLoadResult(theme: .builtInDefault, warning: "theme file \(problem); using default")
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            return ThemeLoadResult(theme: .builtInDefault, warning: "theme file \(file) cannot be read; using default")
        }
        do {
            let (theme, warnings) = try ThemeParser.parse(text, name: name)
            guard let first = warnings.first else { return ThemeLoadResult(theme: theme) }
            let more = warnings.count > 1 ? " (and \(warnings.count - 1) more)" : ""
            return ThemeLoadResult(theme: theme, warning: "theme \(name): \(first)\(more)")
        } catch {
            return ThemeLoadResult(theme: .builtInDefault, warning: "theme file \(file) is malformed: \(error); using default")
        }
    }

    // Every theme name that `load` can find: the built-in ones and each `*.toml` in the search folders, sorted.
    static func availableNames(searchPaths: [String]) -> [String] {
        var names = Set(builtIn.keys)
        for folder in searchPaths {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for entry in entries where entry.hasSuffix(".toml") {
                names.insert((entry as NSString).deletingPathExtension)
            }
        }
        return names.sorted { a, b in
            // The default first, then alphabetical, so cycling starts from a familiar place.
            if a == "default" { return b != "default" }
            if b == "default" { return false }
            return a < b
        }
    }
}
