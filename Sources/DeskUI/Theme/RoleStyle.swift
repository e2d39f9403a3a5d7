// How one role looks: colours resolved from the theme's palette, and attributes.
struct RoleStyle: Sendable, Hashable {
    var foreground: ThemeColor
    var background: ThemeColor
    var bold: Bool
    var reverse: Bool
    var underline: Bool

    init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
         bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }
}
