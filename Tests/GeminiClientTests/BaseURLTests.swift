import GeminiClient
import Testing

@Suite struct BaseURLTests {
    @Test(arguments: ["https://api.gemini.com", "https://api.sandbox.gemini.com/", "http://127.0.0.1:8089", "http://localhost:1", "http://[::1]:80"])
    func accepted(url: String) throws {
        #expect(try BaseURL(url).string.hasSuffix("/") == false)
    }

    @Test(arguments: [
        ("http://api.gemini.com", "plain http is allowed only for loopback"),
        ("http://10.0.0.5:8089", "plain http is allowed only for loopback"),
        ("ftp://x", "scheme must be https"),
        ("api.gemini.com", "is not a URL"),
        ("https://api.gemini.com/v1", "no path"),
    ])
    func refused(url: String, why: String) {
        #expect {
            try BaseURL(url)
        } throws: { error in
            "\(error)".contains(why)
        }
    }
}
