// A named palette and a style for every role.
struct Theme: Sendable, Equatable {
    var name: String
    var palette: [String: ThemeColor]
    var styles: [Role: RoleStyle]

    // The style of `role`; every theme has one for each role (missing ones were filled from the default).
    func style(for role: Role) -> RoleStyle {
        styles[role] ?? Theme.builtInDefault.styles[role] ?? RoleStyle()
    }
}
