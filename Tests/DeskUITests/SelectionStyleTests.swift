@testable import DeskUI
import DeskCore
import Foundation
import Testing

// The selected target: a marker in the gutter and its name in the selection style, the rest of the row in its own
// colours. It must be unmistakable in every theme, without colour, with 8 or 16 colours, and in ASCII.
@Suite struct SelectionStyleTests {
    // The screen row of `target` in `grid`, by its name.
    static func row(of name: String, in grid: ScreenGrid) -> Int? {
        grid.lines.firstIndex { $0.dropFirst(MainColumns.markerWidth).hasPrefix(name + " ") }
    }

    @Test(arguments: [true, false])
    func theSelectedRowHasTheMarkerAndItsNameHighlightedAndNothingElse(unicode: Bool) throws {
        let app = Harness.app(size: TerminalSize(width: 120, height: 40), unicode: unicode)
        let grid = app.render()
        let columns = MainListRenderer.columns(app.state, width: grid.width)
        let name = try #require(columns.frame(.name))
        let selected = try #require(Self.row(of: "desk-a", in: grid))
        #expect(grid.lines[selected].hasPrefix(unicode ? "▸ desk-a" : "> desk-a"))
        let roles = grid.roles(row: selected)
        // Marker, gap and name cell: the selection, bold.
        #expect(roles[0..<(name.x + name.width)].allSatisfy { $0 == .selection })
        #expect((0..<(name.x + name.width)).allSatisfy { grid[selected, $0].attributes.contains(.bold) })
        // The other cells keep their meaning: production stays production.
        #expect(!roles[(name.x + name.width)...].contains(.selection))
        let environment = try #require(columns.frame(.environment))
        #expect(roles[environment.x] == .production)
        // No other row has any of it.
        for y in 0..<grid.height where y != selected {
            #expect(!grid.roles(row: y).contains(.selection), "row \(y)")
        }
    }

    @Test func movingTheSelectionChangesOnlyTheMarkerAndNameCellsOfTwoRows() throws {
        var app = Harness.app(size: TerminalSize(width: 120, height: 40))
        let before = app.render()
        _ = Harness.press([.char("j")], into: &app)
        let after = app.render()
        let name = try #require(MainListRenderer.columns(app.state, width: after.width).frame(.name))
        var changedRows = Set<Int>()
        // The list rows; the footer may offer other keys for the newly selected target.
        for y in 2..<(2 + app.state.listHeight) {
            for x in 0..<after.width where before[y, x] != after[y, x] {
                #expect(x < name.x + name.width, "cell \(y),\(x) changed outside the marker and name")
                changedRows.insert(y)
            }
        }
        #expect(changedRows.count == 2)
    }

    // Without colour (NO_COLOR, --no-color, mono) the selection is reverse video, and the marker is still there.
    @Test func withoutColourTheSelectionIsReverseVideo() {
        let mono = ThemeLoader.load("mono", searchPaths: [Harness.themesFolder]).theme
        #expect(mono.style(for: .selection).reverse)
        #expect(Theme.builtInMono.style(for: .selection).reverse)
        #expect(!mono.style(for: .row).reverse)
    }

    // On 8- and 16-colour terminals the selection's background is a colour of its own, unlike a plain row's, and its
    // text stays readable on it.
    @Test(arguments: ["default", "light", "high-contrast"])
    func withFewColoursTheSelectionKeepsItsOwnBackground(name: String) {
        let theme = ThemeLoader.load(name, searchPaths: [Harness.themesFolder]).theme
        let selection = theme.style(for: .selection)
        let row = theme.style(for: .row)
        for colors in [8, 16] {
            let mapper = ColorMapper(colorCount: colors)
            let background = mapper.index(for: selection.background)
            #expect(background >= 0, "\(name) at \(colors) colours: the selection has no background")
            #expect(background != mapper.index(for: row.background), "\(name) at \(colors) colours")
            #expect(background != mapper.index(for: selection.foreground), "\(name) at \(colors) colours: unreadable")
        }
    }
}
