extension Theme {
    // The dark default, compiled in so the desk works without theme files. `themes/default.toml` is the same theme.
    static let builtInDefault: Theme = {
        let palette: [String: ThemeColor] = [
            "text": .terminalDefault,
            "background": .terminalDefault,
            "muted": .rgb(red: 0x8A, green: 0x8A, blue: 0x8A),
            "accent": .rgb(red: 0x5F, green: 0xAF, blue: 0xD7),
            "on_accent": .ansi(0),
            "selection": .rgb(red: 0xAF, green: 0xD7, blue: 0xFF),
            "on_selection": .ansi(0),
            "prod": .rgb(red: 0xD7, green: 0x00, blue: 0x00),
            "on_prod": .ansi(15),
            "sandbox": .rgb(red: 0x5F, green: 0xAF, blue: 0x87),
            "ok": .rgb(red: 0x5F, green: 0xD7, blue: 0x5F),
            "error": .rgb(red: 0xFF, green: 0x5F, blue: 0x5F),
            "unknown": .rgb(red: 0xFF, green: 0xAF, blue: 0x00),
            "pending": .rgb(red: 0x87, green: 0xAF, blue: 0xFF),
            "panel": .rgb(red: 0x26, green: 0x26, blue: 0x26),
            "danger": .rgb(red: 0xAF, green: 0x00, blue: 0x00),
        ]
        func color(_ name: String) -> ThemeColor { palette[name] ?? .terminalDefault }
        let styles: [Role: RoleStyle] = [
            .header: RoleStyle(foreground: color("on_accent"), background: color("accent"), bold: true),
            .footer: RoleStyle(foreground: color("muted")),
            .row: RoleStyle(foreground: color("text"), background: color("background")),
            .selection: RoleStyle(foreground: color("on_selection"), background: color("selection"), bold: true),
            .group: RoleStyle(foreground: color("accent"), bold: true),
            .production: RoleStyle(foreground: color("on_prod"), background: color("prod"), bold: true),
            .sandbox: RoleStyle(foreground: color("sandbox")),
            .ok: RoleStyle(foreground: color("ok"), bold: true),
            .error: RoleStyle(foreground: color("error"), bold: true),
            .unknown: RoleStyle(foreground: color("unknown"), bold: true, underline: true),
            .pending: RoleStyle(foreground: color("pending")),
            .dialog: RoleStyle(foreground: color("text"), background: color("panel")),
            .dialogTitle: RoleStyle(foreground: color("accent"), background: color("panel"), bold: true),
            .danger: RoleStyle(foreground: color("on_prod"), background: color("danger"), bold: true),
            .flashInfo: RoleStyle(foreground: color("pending"), bold: true),
            .flashWarn: RoleStyle(foreground: .ansi(0), background: color("unknown"), bold: true),
            .flashError: RoleStyle(foreground: color("on_prod"), background: color("danger"), bold: true),
            .helpKey: RoleStyle(foreground: color("accent"), bold: true),
            .dim: RoleStyle(foreground: color("muted")),
        ]
        return Theme(name: "default", palette: palette, styles: styles)
    }()

    // No colours at all, only bold, reverse and underline: for `NO_COLOR`, `--no-color` and colourless terminals.
    // `themes/mono.toml` is the same theme.
    static let builtInMono = Theme(name: "mono", palette: [:], styles: [
        .header: RoleStyle(bold: true, reverse: true),
        .footer: RoleStyle(),
        .row: RoleStyle(),
        .selection: RoleStyle(reverse: true),
        .group: RoleStyle(bold: true),
        .production: RoleStyle(bold: true, underline: true),
        .sandbox: RoleStyle(),
        .ok: RoleStyle(bold: true),
        .error: RoleStyle(bold: true, underline: true),
        .unknown: RoleStyle(bold: true, underline: true),
        .pending: RoleStyle(),
        .dialog: RoleStyle(),
        .dialogTitle: RoleStyle(bold: true),
        .danger: RoleStyle(bold: true, reverse: true),
        .flashInfo: RoleStyle(bold: true),
        .flashWarn: RoleStyle(bold: true, reverse: true),
        .flashError: RoleStyle(bold: true, reverse: true),
        .helpKey: RoleStyle(bold: true),
        .dim: RoleStyle(),
    ])
}
