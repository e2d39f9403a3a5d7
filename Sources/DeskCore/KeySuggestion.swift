// "Did you mean …?" for mistyped config keys.
enum KeySuggestion {
    // The allowed key closest to `key` by edit distance, if close enough to be a typo.
    static func nearest(to key: String, among allowed: [String]) -> String? {
        let limit = key.count >= 8 ? 3 : 2
        let scored = allowed.map { ($0, distance(key.lowercased(), $0)) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 }?.0
    }

    // Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
