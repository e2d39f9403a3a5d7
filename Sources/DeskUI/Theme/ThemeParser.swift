import DeskCore
import GeminiClient

// Reads a theme file: `[palette]` of named colours and `[roles]` of styles.
//
// ```toml
// [palette]
// accent = "#5fafd7"     # or "red", "bright_black", "default", or 0–255
// [roles]
// header = { fg = "black", bg = "accent", bold = true }
// ```
// Roles missing from the file take the default theme's style. Problems that leave the file usable
// (an unknown role, a bad colour) come back as warnings; unreadable TOML throws.
enum ThemeParser {
    static let styleKeys: Set<String> = ["fg", "bg", "bold", "reverse", "underline"]

    static func parse(_ text: String, name: String, fallback: Theme = .builtInDefault) throws -> (theme: Theme, warnings: [String]) {
        let root: [String: TOMLValue]
        do {
            root = try SafeTOML.document(text)
        } catch {
            throw ThemeFileError(message: error.description)
        }
        var warnings: [String] = []
        if root["palette"] == nil, root["roles"] == nil {
            throw ThemeFileError(message: "no [palette] or [roles] table: not a theme file")
        }

        var palette: [String: ThemeColor] = [:]
        if let value = root["palette"] {
            if let table = value.table {
                for key in table.keys.sorted() {
                    if let color = table[key].flatMap(Self.color(from:)) {
                        palette[key] = color
                    } else {
                        warnings.append("palette.\(key): not a colour (use a name like \"red\", \"#rrggbb\" or 0–255)")
                    }
                }
            } else {
                warnings.append("palette is not a table")
            }
        }

        var styles = fallback.styles
        if let value = root["roles"] {
            if let table = value.table {
                for key in table.keys.sorted() {
                    guard let role = Role(rawValue: key) else {
                        warnings.append("roles.\(key): unknown role (ignored)")
                        continue
                    }
                    guard let entry = table[key]?.table else {
                        warnings.append("roles.\(key): expected a table like { fg = \"red\" }")
                        continue
                    }
                    switch style(from: entry, palette: palette) {
                    case .success(let style): styles[role] = style
                    case .failure(let problem): warnings.append("roles.\(key): \(problem.message) (default used)")
                    }
                }
            } else {
                warnings.append("roles is not a table")
            }
        }
        // Warnings quote keys of the file: one printable line each.
        return (Theme(name: name, palette: palette, styles: styles), warnings.map { $0.printableLine(limit: 200) })
    }

    private static func color(from value: TOMLValue) -> ThemeColor? {
        if let text = value.string { return ThemeColor(parsing: text) }
        if let number = value.int { return ThemeColor(index: number) }
        return nil
    }

    private static func style(from table: [String: TOMLValue], palette: [String: ThemeColor]) -> Result<RoleStyle, ThemeFileError> {
        for key in table.keys where !styleKeys.contains(key) {
            return .failure(ThemeFileError(message: "unknown key \"\(key)\" (use fg, bg, bold, reverse, underline)"))
        }
        var style = RoleStyle()
        for (key, keyPath) in [("fg", \RoleStyle.foreground), ("bg", \RoleStyle.background)] {
            guard let value = table[key] else { continue }
            let resolved: ThemeColor?
            if let name = value.string {
                resolved = palette[name] ?? ThemeColor(parsing: name)
            } else if let number = value.int {
                resolved = ThemeColor(index: number)
            } else {
                resolved = nil
            }
            guard let resolved else {
                return .failure(ThemeFileError(message: "\(key) \(value.description.printableLine(limit: 40)) is neither a palette name nor a colour"))
            }
            style[keyPath: keyPath] = resolved
        }
        for (key, keyPath) in [("bold", \RoleStyle.bold), ("reverse", \RoleStyle.reverse), ("underline", \RoleStyle.underline)] {
            guard let value = table[key] else { continue }
            guard let flag = value.bool else {
                return .failure(ThemeFileError(message: "\(key) must be true or false"))
            }
            style[keyPath: keyPath] = flag
        }
        return .success(style)
    }
}
