extension String {
    /// The text as one line an operator's terminal can show safely: control characters (escape sequences among them)
    /// and line breaks as spaces, runs of whitespace as one space, at most `limit` characters (the end cut to "…").
    ///
    /// For text gdesk did not write itself: an exchange's error message, a parser's complaint about a file.
    public func printableLine(limit: Int) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in unicodeScalars {
            let category = scalar.properties.generalCategory
            if category == .control || category == .lineSeparator || category == .paragraphSeparator || scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.unicodeScalars.append(" ") }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
        return out.count > limit ? String(out.prefix(max(0, limit - 1))) + "…" : out
    }
}
