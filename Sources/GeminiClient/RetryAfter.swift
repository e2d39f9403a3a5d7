import Foundation

/// Reads an HTTP `Retry-After` value: a whole number of seconds, or an HTTP date (RFC 9110 §10.2.3).
public enum RetryAfter {
    /// The longest wait taken from a server: longer values are read as this (every cancel deadline is far shorter).
    public static let longest = Duration.seconds(3600)

    /// The wait `text` asks for, from `now`; nil when it is neither form. A date in the past is no wait.
    public static func parse(_ text: String, now: Date = Date()) -> Duration? {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return nil }
        if value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            // Digits only: seconds. More digits than fit are a very long wait, not an error.
            guard let seconds = Int64(value.prefix(12)) else { return nil }
            return min(.seconds(seconds), longest)
        }
        guard let date = httpDate(value) else { return nil }
        let seconds = max(0, date.timeIntervalSince(now))
        return min(.milliseconds(Int64((seconds * 1000).rounded())), longest)
    }

    // IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"); the obsolete forms RFC 850 and asctime are accepted too.
    private static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
