// Where each column of the target list goes at a given width. Low-priority columns drop out on narrow screens;
// the name and outcome columns share what is left.
struct MainColumns: Sendable, Equatable {
    enum Column: String, Sendable, CaseIterable {
        case name, environment, key, role, heartbeat, last, cancelled, rejected, outcome, latency, attempts

        var title: String {
            switch self {
            case .name: "TARGET"
            case .environment: "ENV"
            case .key: "KEY"
            case .role: "ROLE"
            case .heartbeat: "HB"
            case .last: "LAST"
            case .cancelled: "CXL"
            case .rejected: "REJ"
            case .outcome: "OUTCOME"
            case .latency: "LAT"
            case .attempts: "TRY"
            }
        }

        var alignRight: Bool { [.cancelled, .rejected, .latency, .attempts].contains(self) }

        // Columns drop out lowest first when the screen is narrow; 0 never drops.
        var priority: Int {
            switch self {
            case .name, .environment, .outcome: 0
            case .attempts: 1
            case .latency: 2
            case .key: 3
            case .heartbeat: 4
            case .role: 5
            case .last: 6
            case .cancelled: 7
            case .rejected: 8
            }
        }
    }

    // The selection marker's column; text starts after it.
    static let markerWidth = 2
    static let minimumFlex = 10

    private(set) var frames: [Column: (x: Int, width: Int)] = [:]
    // Columns shown, left to right.
    private(set) var shown: [Column] = []

    static func == (a: MainColumns, b: MainColumns) -> Bool {
        a.shown == b.shown && a.shown.allSatisfy { a.frames[$0]! == b.frames[$0]! }
    }

    func frame(_ column: Column) -> (x: Int, width: Int)? { frames[column] }

    init(width: Int, longestName: Int) {
        let wide = width >= 100
        var widths: [Column: Int] = [
            .environment: 4, .key: 5, .role: wide ? 13 : 9, .heartbeat: 2, .last: 8,
            .cancelled: wide ? 5 : 4, .rejected: wide ? 5 : 4, .latency: wide ? 6 : 5, .attempts: 3,
        ]
        var columns = Column.allCases
        func needed() -> Int {
            let fixed = columns.compactMap { widths[$0] }.reduce(0, +)
            return Self.markerWidth + fixed + 2 * Self.minimumFlex + (columns.count - 1)
        }
        while needed() > width, let drop = columns.filter({ $0.priority > 0 }).min(by: { $0.priority < $1.priority }) {
            columns.removeAll { $0 == drop }
        }
        // Spare columns go to the name (up to its longest, at most 30), then the outcome (up to 40); the rest stays blank.
        var spare = max(0, width - needed())
        let nameExtra = min(spare, max(0, min(30, longestName) - Self.minimumFlex))
        spare -= nameExtra
        widths[.name] = Self.minimumFlex + nameExtra
        widths[.outcome] = Self.minimumFlex + min(spare, 30)
        var x = Self.markerWidth
        for column in columns {
            let w = widths[column]!
            frames[column] = (x, w)
            x += w + 1
        }
        shown = columns
    }
}
