/// A key's high-water marks, one per nonce unit, as kept in its nonce file: one line `UNIT VALUE` per unit
/// (`ms 1765152000123`). A file of one bare number (the format before units were kept apart) is read as the unit
/// the number fits.
///
/// Reading never fails: text that is not a mark is dropped and reported, so that a damaged file costs a warning and
/// the clock, never a cancel.
public struct NonceMarks: Sendable, Equatable {
    public private(set) var marks: [NonceUnit: UInt64] = [:]
    /// Marks set aside because they fit no unit (lines `ignored VALUE`), kept for the diagnosis of `InvalidNonce`.
    public private(set) var ignored: [UInt64] = []
    /// Whether some of the text was not understood (it is dropped when the marks are written back).
    public private(set) var hadUnreadableText = false
    /// Bare numbers found in the file that fit no unit (set aside now; reported once).
    private var unplaced: [UInt64] = []

    public init(_ marks: [NonceUnit: UInt64] = [:]) {
        self.marks = marks
    }

    /// Parses a nonce file's text; see the type's description.
    public init(parsing text: String, epochNanoseconds: UInt64) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: " ", omittingEmptySubsequences: true) }
            .filter { !$0.isEmpty }
        for words in lines {
            if words.count == 2, let unit = NonceUnit(rawValue: String(words[0])), let value = UInt64(words[1]) {
                marks[unit] = max(marks[unit] ?? 0, value)
            } else if words.count == 2, words[0] == "ignored", let value = UInt64(words[1]) {
                setAside(value)
            } else if words.count == 1, lines.count == 1, let value = UInt64(words[0]) {
                if let unit = NonceUnit.reading(value, epochNanoseconds: epochNanoseconds) {
                    marks[unit] = value
                } else {
                    setAside(value)
                    unplaced.append(value)
                }
            } else {
                hadUnreadableText = true
            }
        }
    }

    /// The file's text. A lone millisecond mark is written as the bare number the former format used, so that an older
    /// gdesk sharing the state directory still reads it (and this one reads it back as milliseconds).
    public var text: String {
        if ignored.isEmpty, marks.count == 1, let mark = marks[.milliseconds] { return "\(mark)\n" }
        return NonceUnit.allCases.compactMap { unit in marks[unit].map { "\(unit.rawValue) \($0)\n" } }.joined()
            + ignored.map { "ignored \($0)\n" }.joined()
    }

    /// Keeps `value` among the ignored marks (the four largest at most).
    private mutating func setAside(_ value: UInt64) {
        guard !ignored.contains(value) else { return }
        ignored = Array((ignored + [value]).sorted(by: >).prefix(4))
    }

    public subscript(unit: NonceUnit) -> UInt64? { marks[unit] }

    /// Every value known to have been stored, whatever its unit: an `InvalidNonce` below one of them may be our own doing.
    public var allValues: [UInt64] { Array(marks.values) + ignored }

    /// Reserves up to `count` consecutive nonces of `unit` above the clock and this unit's mark, and records the new
    /// mark. Time-based keys (`.seconds`) get only as many as fit within `window` seconds of the clock (possibly none:
    /// the caller waits for the clock); other units get all `count`.
    mutating func reserve(unit: NonceUnit, count: Int, epochNanoseconds: UInt64, window: UInt64) -> NonceReservation {
        let now = unit.now(epochNanoseconds: epochNanoseconds)
        var notices: [NonceNotice] = []
        if hadUnreadableText { notices.append(.unreadable(path: nil)) }
        for value in unplaced { notices.append(.implausible(unit: unit, mark: value, readsAs: nil, path: nil)) }
        unplaced = []
        var above: UInt64 = 0   // the first nonce at least: one above the honoured mark
        if let mark = marks[unit] {
            if !unit.fits(mark, epochNanoseconds: epochNanoseconds) || mark > UInt64.max - UInt64(max(count, 1)) - 1 {
                notices.append(.implausible(unit: unit, mark: mark,
                                            readsAs: NonceUnit.reading(mark, epochNanoseconds: epochNanoseconds), path: nil))
                setAside(mark)
                marks[unit] = nil
            } else if unit == .seconds && mark > now + window {
                notices.append(.outsideWindow(mark: mark, now: now, path: nil))
            } else {
                above = mark + 1
                if mark > now && mark - now > 60 * unit.perSecond {
                    notices.append(.ahead(unit: unit, mark: mark, seconds: (mark - now) / unit.perSecond, path: nil))
                }
            }
        }
        var first = max(now, above)
        var granted = count
        if unit == .seconds {
            // Within [now - window, now + window]: a run that would end beyond now + window starts earlier, down to the
            // window's start (never at or below the mark), and what still does not fit waits for the clock.
            let end = now + window
            let earliest = max(above, now > window ? now - window : 0)
            if UInt64(count) > end + 1 - min(first, end + 1) {
                first = max(earliest, end + 1 >= UInt64(count) ? end + 1 - UInt64(count) : 0)
            }
            granted = first > end ? 0 : min(count, Int(end - first + 1))
        }
        if granted > 0 { marks[unit] = first + UInt64(granted) - 1 }
        return NonceReservation(first: first, count: granted, notices: notices)
    }
}

/// What `NonceMarks.reserve` granted.
struct NonceReservation {
    var first: UInt64
    var count: Int
    var notices: [NonceNotice]
}
