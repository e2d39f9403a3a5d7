import CCurl
import Foundation

/// The CA bundles handed to libcurl in memory (`CURLOPT_CAINFO_BLOB`): the system's bundle followed by a session's
/// files, built once per trust and kept for the transport's life, so that no handle copies them.
///
/// libcurl takes one CA bundle per handle: `CURLOPT_CAINFO` names a file that replaces the default bundle. A bundle
/// in memory holding both the system's certificates and the session's is how a session's CA is *added* to the roots
/// without writing a merged file anywhere. Used on the transport thread only.
final class CABundles: @unchecked Sendable {
    /// The system's bundle: libcurl's built-in default (`/etc/ssl/certs/ca-certificates.crt` on Debian) unless set.
    let systemBundle: String?
    private var built: [CATrust: UnsafeMutableRawBufferPointer] = [:]

    init(systemBundle: String?) {
        // `cainfo` came with the seventh version of the structure (libcurl 7.70).
        self.systemBundle = systemBundle ?? curl_version_info(CURLVERSION_SEVENTH).pointee.cainfo.map { String(cString: $0) }
    }

    deinit {
        for buffer in built.values { buffer.deallocate() }
    }

    /// Sets `easy`'s CA options for `trust`. Files that cannot be read are left to libcurl to refuse (a TLS error
    /// naming the CA file), never skipped silently.
    func apply(_ trust: CATrust, to easy: UnsafeMutableRawPointer) {
        if !trust.systemRoots {
            // The files only: no default directory of hashed certificates either.
            gd_easy_setopt_pointer(easy, CURLOPT_CAPATH, nil)
            if trust.caFiles.count == 1 {
                gd_easy_setopt_string(easy, CURLOPT_CAINFO, trust.caFiles[0])
                return
            }
        }
        guard let buffer = bundle(trust) else {
            gd_easy_setopt_string(easy, CURLOPT_CAINFO, trust.caFiles.first ?? "")
            return
        }
        var blob = curl_blob(data: buffer.baseAddress, len: buffer.count, flags: UInt32(CURL_BLOB_NOCOPY))
        withUnsafeMutablePointer(to: &blob) { gd_easy_setopt_pointer(easy, CURLOPT_CAINFO_BLOB, UnsafeMutableRawPointer($0)) }
    }

    /// The PEM text of `trust`: the system bundle (if it asks for the roots) then each file; nil if a file is unreadable.
    private func bundle(_ trust: CATrust) -> UnsafeMutableRawBufferPointer? {
        if let buffer = built[trust] { return buffer }
        var pem = Data()
        if trust.systemRoots, let systemBundle, let system = FileManager.default.contents(atPath: systemBundle) {
            pem.append(system)
            pem.append(0x0A)
        }
        for file in trust.caFiles {
            guard let contents = FileManager.default.contents(atPath: file) else { return nil }
            pem.append(contents)
            pem.append(0x0A)
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: pem.count, alignment: 1)
        pem.copyBytes(to: buffer.bindMemory(to: UInt8.self))
        built[trust] = buffer
        return buffer
    }
}
