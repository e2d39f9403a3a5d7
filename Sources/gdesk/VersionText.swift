import CBuildStamp
import CCrypto
import CCurl
import CCurses
import GRDBSQLite

/// What `gdesk --version` prints: the version this binary was built from (`git describe`, stamped by scripts/release;
/// any other build says it is a development build) and the versions of the C libraries it runs with, asked of the
/// libraries themselves, so an upgraded libcurl or OpenSSL shows without a rebuild.
enum VersionText {
    static var text: String {
        "gdesk \(build)\n"
            + "libcurl \(string(gd_curl_version())) (\(string(gd_curl_ssl_version()))), \(string(gd_openssl_version())), "
            + "SQLite \(string(sqlite3_libversion())), \(string(gd_curses_version()))"
    }

    /// The version stamped at build time, or what a development build says instead.
    static var build: String {
        if let stamp = gd_build_version() { return String(cString: stamp) }
        return "dev build (not made by scripts/release, so no version was stamped)"
    }

    private static func string(_ text: UnsafePointer<CChar>?) -> String {
        text.map { String(cString: $0) } ?? "unknown"
    }
}
