import CCurl

/// libcurl's process-wide initialisation, done once before the first handle.
enum CurlGlobal {
    private static let initialised: Bool = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK }()
    static func ensureInitialised() { precondition(initialised, "curl_global_init failed") }
}
