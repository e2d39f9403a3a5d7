// Column positions of the history list at a given width.
struct HistoryColumns: Sendable {
    let time: (x: Int, width: Int)
    let operatorName: (x: Int, width: Int)
    let target: (x: Int, width: Int)
    let scope: (x: Int, width: Int)
    let outcome: (x: Int, width: Int)
    let cancelled: (x: Int, width: Int)
    let rejected: (x: Int, width: Int)

    // Whether the time column has room for the year.
    let showsYear: Bool

    init(width: Int) {
        let wide = width >= 100
        let timeWidth = wide ? 19 : 14
        let operatorWidth = wide ? 22 : 12
        let scopeWidth = 5
        let countWidth = wide ? 6 : 4
        let fixed = 2 + timeWidth + operatorWidth + scopeWidth + 2 * countWidth + 6
        let flex = max(20, width - fixed)
        let targetWidth = wide ? min(32, flex / 2) : flex / 2
        let outcomeWidth = flex - targetWidth
        showsYear = wide
        var x = 2
        func next(_ w: Int) -> (x: Int, width: Int) {
            defer { x += w + 1 }
            return (x, w)
        }
        time = next(timeWidth)
        operatorName = next(operatorWidth)
        target = next(targetWidth)
        scope = next(scopeWidth)
        outcome = next(outcomeWidth)
        cancelled = next(countWidth)
        rejected = next(countWidth)
    }
}
