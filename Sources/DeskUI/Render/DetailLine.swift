// A line of the details view; lines of rejected order IDs say which one they are, for selection.
struct DetailLine: Sendable, Equatable {
    var segments: [Segment]
    var rejectedIndex: Int?

    init(_ segments: [Segment], rejectedIndex: Int? = nil) {
        self.segments = segments
        self.rejectedIndex = rejectedIndex
    }
}
