// A bordered box centred on the screen, its inside blanked, and the title set into the top border.
struct DialogBox: Sendable {
    let top: Int
    let left: Int
    let width: Int
    let height: Int

    // First column of text inside the box, and how many columns of text fit.
    var contentLeft: Int { left + 2 }
    var contentWidth: Int { max(0, width - 4) }
    var contentTop: Int { top + 1 }
    var contentHeight: Int { max(0, height - 2) }

    // Draws the box; it is at most the screen less a margin, and leaves the footer line free.
    static func draw(into grid: inout ScreenGrid, width wantedWidth: Int, height wantedHeight: Int, title: String, titleRole: Role) -> DialogBox {
        let width = max(10, min(wantedWidth, grid.width - 2))
        let height = max(3, min(wantedHeight, grid.height - 2))
        let top = max(0, (grid.height - 1 - height) / 2)
        let left = max(0, (grid.width - width) / 2)
        let box = DialogBox(top: top, left: left, width: width, height: height)
        grid.fill(row: top, column: left, width: width, height: height, role: .dialog)
        // Corners are chosen here: "└" also draws trees, where its ASCII stand-in is "`", not "+".
        let (topLeft, topRight, bottomLeft, bottomRight) = grid.asciiOnly ? ("+", "+", "+", "+") : ("┌", "┐", "└", "┘")
        let horizontal = String(repeating: "─", count: max(0, width - 2))
        grid.put(topLeft + horizontal + topRight, row: top, column: left, role: .dialog)
        for y in top + 1..<top + height - 1 {
            grid.put("│", row: y, column: left, role: .dialog)
            grid.put("│", row: y, column: left + width - 1, role: .dialog)
        }
        grid.put(bottomLeft + horizontal + bottomRight, row: top + height - 1, column: left, role: .dialog)
        let shownTitle = " " + TextFit.truncate(title, to: width - 6) + " "
        grid.put(shownTitle, row: top, column: left + 2, role: titleRole, attributes: [.bold])
        return box
    }

    // Writes line `index` of the content (clipped to the box).
    func put(_ segments: [Segment], line index: Int, into grid: inout ScreenGrid, indent: Int = 0) {
        guard index >= 0, index < contentHeight else { return }
        grid.put(segments, row: contentTop + index, column: contentLeft + indent, limit: contentWidth - indent)
    }
}
