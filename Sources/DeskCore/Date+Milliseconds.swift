import Foundation

extension Date {
    /// Unix time in whole milliseconds (rounded): the one form in which the history, the journal and a record keep times.
    public var wholeMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    /// The time `milliseconds` after the Unix epoch.
    public init(wholeMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// This time to the whole millisecond, as the history gives it back.
    public var roundedToMilliseconds: Date { Date(wholeMilliseconds: wholeMilliseconds) }
}
