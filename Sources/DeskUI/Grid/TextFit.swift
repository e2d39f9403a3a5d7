// Fitting text into columns: truncation with an ellipsis, padding, alignment, wrapping.
enum TextFit {
    // `text` cut to `width` columns, ending in "…" when cut.
    static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var result = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    // `text` truncated and padded with spaces to exactly `width` columns.
    static func pad(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let gap = String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
        return alignRight ? gap + cut : cut + gap
    }

    // Words of `text` wrapped into lines of at most `width` columns; a word longer than a line is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let word = String(word)
                if line.isEmpty {
                    line = truncate(word, to: width)
                } else if DisplayWidth.of(line) + 1 + DisplayWidth.of(word) <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = truncate(word, to: width)
                }
            }
            lines.append(line)
        }
        return lines
    }
}
