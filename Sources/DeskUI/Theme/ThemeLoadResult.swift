// A theme ready to use, and what went wrong getting it (shown as a flash).
struct ThemeLoadResult: Sendable, Equatable {
    var theme: Theme
    var warning: String?
}
