import CCrypto

/// HMAC-SHA384 and SHA-256 from the system's libcrypto.
public enum Digest {
    /// Lower-case hex HMAC-SHA384 of `message` keyed with `key`: Gemini's `X-GEMINI-SIGNATURE`.
    public static func hmacSHA384Hex(key: [UInt8], message: [UInt8]) -> String {
        var out = [UInt8](repeating: 0, count: 48)
        let ok = key.withUnsafeBufferPointer { k in
            message.withUnsafeBufferPointer { m in
                gd_hmac_sha384(k.baseAddress, k.count, m.baseAddress, m.count, &out)
            }
        }
        precondition(ok == 1, "libcrypto HMAC-SHA384 failed")
        return hex(out)
    }

    /// Lower-case hex SHA-256 of `data`.
    public static func sha256Hex(_ data: [UInt8]) -> String {
        var out = [UInt8](repeating: 0, count: 32)
        let ok = data.withUnsafeBufferPointer { gd_sha256($0.baseAddress, $0.count, &out) }
        precondition(ok == 1, "libcrypto SHA-256 failed")
        return hex(out)
    }

    /// Compares two strings in time independent of where they differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return gd_equal_ct(x, y, x.count) == 1
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
