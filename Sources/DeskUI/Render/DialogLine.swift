// One line of dialog text, built before the box is sized.
enum DialogLine: Sendable, Equatable {
    case text([Segment])
    case blank

    static func plain(_ text: String, _ role: Role = .dialog, _ attributes: CellAttributes = []) -> DialogLine {
        .text([Segment(text, role, attributes)])
    }

    // `text` wrapped to `width`, one dialog line per wrapped line.
    static func wrapped(_ text: String, width: Int, role: Role = .dialog, indent: String = "") -> [DialogLine] {
        TextFit.wrap(text, width: width - DisplayWidth.of(indent)).map { .text([Segment(indent + $0, role)]) }
    }

    var segments: [Segment] {
        if case .text(let segments) = self { return segments }
        return []
    }

    var width: Int { segments.reduce(0) { $0 + DisplayWidth.of($1.text) } }
}
