@testable import DeskUI
import Foundation
import TestSupport
import Testing

// Theme files: the four shipped ones, fallbacks, warnings, and how roles land on 256-, 16- and 8-colour terminals.
@Suite struct ThemeTests {
    static let shipped = ["default", "light", "high-contrast", "mono"]

    /// A folder of the test's own for theme files it writes.
    let temporary: TemporaryDirectory

    init() throws { temporary = try TemporaryDirectory(prefix: "deskui-themes") }

    static func file(_ name: String) -> String { "\(Harness.themesFolder)/\(name).toml" }

    @Test(arguments: shipped)
    func shippedThemesParseWithoutWarningsAndNameEveryRole(name: String) throws {
        let text = try String(contentsOfFile: Self.file(name), encoding: .utf8)
        let (theme, warnings) = try ThemeParser.parse(text, name: name)
        #expect(warnings.isEmpty)
        #expect(theme.name == name)
        for role in Role.allCases {
            #expect(text.contains("\n\(role.rawValue) = {"), "\(name).toml does not style \(role.rawValue)")
        }
        #expect(ThemeLoader.load(name, searchPaths: [Harness.themesFolder]) == ThemeLoadResult(theme: theme))
    }

    @Test func defaultFileIsTheBuiltInDefault() throws {
        let text = try String(contentsOfFile: Self.file("default"), encoding: .utf8)
        let (theme, _) = try ThemeParser.parse(text, name: "default")
        #expect(theme == Theme.builtInDefault)
    }

    @Test func monoFileIsTheBuiltInMono() throws {
        let text = try String(contentsOfFile: Self.file("mono"), encoding: .utf8)
        let (theme, _) = try ThemeParser.parse(text, name: "mono")
        #expect(theme == Theme.builtInMono)
        #expect(theme.styles.values.allSatisfy { $0.foreground == .terminalDefault && $0.background == .terminalDefault })
    }

    @Test func missingRolesFallBackToTheDefault() throws {
        let (theme, warnings) = try ThemeParser.parse("""
            [palette]
            hot = "#ff0000"
            [roles]
            header = { fg = "hot", bold = false }
            """, name: "partial")
        #expect(warnings.isEmpty)
        #expect(theme.style(for: .header) == RoleStyle(foreground: .rgb(red: 255, green: 0, blue: 0)))
        for role in Role.allCases where role != .header {
            #expect(theme.style(for: role) == Theme.builtInDefault.style(for: role))
        }
    }

    @Test func aMalformedThemeGivesTheDefaultAndAWarningWithTheLine() throws {
        let folder = temporary.path
        try "[roles]\nheader = { fg = \"red\"\nrow = {}\n".write(toFile: "\(folder)/broken.toml", atomically: true, encoding: .utf8)
        let result = ThemeLoader.load("broken", searchPaths: [folder])
        #expect(result.theme == Theme.builtInDefault)
        #expect(result.warning?.contains("malformed") == true)
        #expect(result.warning?.contains("line 2") == true)
    }

    @Test func badValuesWarnButKeepTheRestOfTheTheme() throws {
        let (theme, warnings) = try ThemeParser.parse("""
            [palette]
            nice = "#00ff00"
            ugly = "sort of red"
            [roles]
            ok = { fg = "nice" }
            error = { fg = "ugly" }
            glow = { fg = "nice" }
            dim = { fg = "nice", blink = true }
            """, name: "odd")
        #expect(theme.style(for: .ok).foreground == .rgb(red: 0, green: 255, blue: 0))
        #expect(theme.style(for: .error) == Theme.builtInDefault.style(for: .error))
        #expect(theme.style(for: .dim) == Theme.builtInDefault.style(for: .dim))
        #expect(warnings.count == 4)
        #expect(warnings.contains { $0.contains("glow") && $0.contains("unknown role") })
    }

    @Test func unknownThemeNamesFallBackWithAWarning() {
        let result = ThemeLoader.load("solarized", searchPaths: [Harness.themesFolder])
        #expect(result.theme == Theme.builtInDefault)
        #expect(result.warning?.contains("not found") == true)
        #expect(ThemeLoader.load("mono", searchPaths: []) == ThemeLoadResult(theme: .builtInMono))
    }

    @Test func aUsersOwnThemeIsFoundLikeTheShippedOnesAndByPath() throws {
        let folder = temporary.path
        try "[roles]\nheader = { fg = 33 }\n".write(toFile: "\(folder)/mine.toml", atomically: true, encoding: .utf8)
        let names = ThemeLoader.availableNames(searchPaths: [folder, Harness.themesFolder])
        #expect(names == ["default", "high-contrast", "light", "mine", "mono"])
        #expect(ThemeLoader.load("mine", searchPaths: [folder, Harness.themesFolder]).theme.style(for: .header).foreground == .indexed(33))
        #expect(ThemeLoader.load("\(folder)/mine.toml", searchPaths: []).theme.name == "mine")
    }

    // Production must stand out in every colour theme on every terminal: a red background even with 8 colours.
    @Test(arguments: ["default", "light", "high-contrast"])
    func productionIsRedOnEveryTerminal(name: String) {
        let theme = ThemeLoader.load(name, searchPaths: [Harness.themesFolder]).theme
        let production = theme.style(for: .production)
        for colors in [8, 16, 256] {
            let index = ColorMapper(colorCount: colors).index(for: production.background)
            let (r, g, b) = ColorMapper.rgb(ofXterm: index)
            #expect(r >= 175 && g == 0 && b == 0, "\(name) at \(colors) colours: production background \(index)")
            #expect(ColorMapper(colorCount: colors).index(for: theme.style(for: .sandbox).background)
                    != index)
        }
    }

    // Each role keeps a distinct look from a plain row in every theme, so nothing relies on a colour that maps away.
    @Test(arguments: shipped)
    func stateRolesLookDifferentFromPlainRows(name: String) {
        let theme = ThemeLoader.load(name, searchPaths: [Harness.themesFolder]).theme
        for role in [Role.header, .selection, .production, .ok, .error, .unknown, .danger, .flashWarn, .flashError] {
            #expect(theme.style(for: role) != theme.style(for: .row), "\(name): \(role) looks like a plain row")
        }
    }

    @Test func cyclingThemesLoadsTheNextAndFlashesAMalformedOne() async throws {
        let folder = temporary.path
        try "[roles\n".write(toFile: "\(folder)/zz-broken.toml", atomically: true, encoding: .utf8)
        let service = FakeDeskService()
        let app = App(state: AppState(configDescription: "x", readOnly: false, operatorIdentity: Sample.operatorAtDesk, targets: Sample.targets,
                                      lastResults: [:], size: TerminalSize(width: 80, height: 24), now: Sample.now,
                                      themeName: "mono", themeNames: ["default", "mono", "zz-broken"], timeZone: Sample.utc),
                      keyMap: KeyMap(readOnly: false))
        let driver = EventLoop(app: app, service: service, theme: .builtInMono, themeSearchPaths: [folder, Harness.themesFolder],
                            clock: { Sample.now })
        await Harness.press([.char("t")], into: driver)
        #expect(await driver.state.themeName == "zz-broken")
        #expect(await driver.theme == Theme.builtInDefault)
        #expect(await driver.state.flash?.level == .warn)
        #expect(await driver.render().text.contains("WARN: theme file"))
        await Harness.press([.char("t")], into: driver)
        #expect(await driver.state.themeName == "default")
        #expect(await driver.themeVersion == 2)
    }
}
