import Foundation

/// A small tmpfs or a read-only bind mount of the test's own, unmounted when released. Tests run as root in CI;
/// where mounting is impossible (no privilege, no mount namespace) `canMount` is false and the tests that need one
/// say so and are skipped.
package final class ScratchMount: Sendable {
    package let path: String

    /// Whether this process can mount a tmpfs (tried once, on a throwaway directory).
    package static let canMount: Bool = {
        guard let probe = try? ScratchMount(tmpfsBytes: 64 << 10) else { return false }
        _ = probe
        return true
    }()

    /// A fresh tmpfs of `tmpfsBytes` at a new directory under the temp dir.
    package init(tmpfsBytes: Int) throws {
        path = NSTemporaryDirectory() + "gdesk-mount-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard mount("tmpfs", path, "tmpfs", 0, "size=\(tmpfsBytes),mode=0700") == 0 else {
            let error = errno
            try? FileManager.default.removeItem(atPath: path)
            throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EPERM)
        }
    }

    /// `source` bound read-only at a new directory.
    package init(readOnlyBindOf source: String) throws {
        path = NSTemporaryDirectory() + "gdesk-ro-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard mount(source, path, nil, UInt(MS_BIND), nil) == 0 else {
            let error = errno
            try? FileManager.default.removeItem(atPath: path)
            throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EPERM)
        }
        guard mount(source, path, nil, UInt(MS_BIND | MS_REMOUNT | MS_RDONLY), nil) == 0 else {
            let error = errno
            umount2(path, Int32(MNT_DETACH))
            try? FileManager.default.removeItem(atPath: path)
            throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EPERM)
        }
    }

    /// Makes a read-only bind mount writable again (the fault cleared, at the same path).
    package func makeWritable() throws {
        guard mount(path, path, nil, UInt(MS_BIND | MS_REMOUNT), nil) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM)
        }
    }

    /// Makes a bind mount read-only (the fault appears, at the same path).
    package func makeReadOnly() throws {
        guard mount(path, path, nil, UInt(MS_BIND | MS_REMOUNT | MS_RDONLY), nil) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM)
        }
    }

    /// Fills the filesystem until a write fails with ENOSPC; returns the path of the filler file.
    @discardableResult
    package func fill(name: String = "filler") -> String {
        let filler = path + "/" + name
        let fd = open(filler, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        let block = [UInt8](repeating: 0x5A, count: 4096)
        while block.withUnsafeBufferPointer({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        // The last partial page too.
        while block.withUnsafeBufferPointer({ write(fd, $0.baseAddress, 1) }) > 0 {}
        close(fd)
        return filler
    }

    deinit {
        umount2(path, Int32(MNT_DETACH))
        try? FileManager.default.removeItem(atPath: path)
    }
}
