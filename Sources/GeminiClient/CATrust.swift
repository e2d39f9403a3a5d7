/// The certificate authorities a TLS connection to one exchange address trusts: a session's `ca_file`, added to the
/// system's roots or instead of them.
public struct CATrust: Sendable, Hashable {
    /// PEM files of CA certificates, in order.
    public var caFiles: [String]
    /// Whether the system's roots are trusted as well (the files are added to them) or not (the files only).
    public var systemRoots: Bool

    public init(caFiles: [String], systemRoots: Bool = true) {
        self.caFiles = caFiles
        self.systemRoots = systemRoots
    }

    /// The address a trust applies to, as the transport keys it: `scheme://host:port`, lower case, default ports filled in.
    public static func origin(of url: String) -> String {
        StreamGate<Int>.origin(of: url)
    }

    /// One trust for requests that ask for several (sessions sharing an address): every file, and the system's
    /// roots if any asks for them, so that each still trusts everything it asked to.
    public static func union(_ trusts: [CATrust]) -> CATrust {
        var files: [String] = []
        for file in trusts.flatMap(\.caFiles) where !files.contains(file) { files.append(file) }
        return CATrust(caFiles: files, systemRoots: trusts.contains { $0.systemRoots })
    }
}
