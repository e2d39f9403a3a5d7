/// How the executable wants the front end to run.
public struct FrontEndOptions: Sendable {
    /// A theme name (looked up as `NAME.toml` in `themeSearchPaths`, or built in) or a path to a theme file.
    /// Nil uses the config's theme, then "default".
    public var themeName: String?
    /// No colours, only bold, reverse and underline. `NO_COLOR` in the environment does the same.
    public var noColor: Bool
    /// Bind no cancel key. The service's own `readOnly` does the same.
    public var readOnly: Bool
    /// Folders holding theme files, searched in order (for example the config folder, then the installed themes).
    public var themeSearchPaths: [String]
    /// A file that receives every flash message and every cancel sent, with timestamps.
    public var logPath: String?

    public init(themeName: String? = nil, noColor: Bool = false, readOnly: Bool = false, themeSearchPaths: [String] = [],
                logPath: String? = nil) {
        self.themeName = themeName
        self.noColor = noColor
        self.readOnly = readOnly
        self.themeSearchPaths = themeSearchPaths
        self.logPath = logPath
    }
}
