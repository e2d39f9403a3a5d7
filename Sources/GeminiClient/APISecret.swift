/// An API secret. It never prints: `description`, `debugDescription` and reflection all show a mask.
public struct APISecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let bytes: [UInt8]

    public init(_ text: String) { bytes = Array(text.utf8) }

    public var isEmpty: Bool { bytes.isEmpty }
    public var description: String { "<secret>" }
    public var debugDescription: String { "<secret>" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    /// True when `text` occurs in the secret's value; lets callers check output for leaks without reading the secret.
    public func appears(in text: String) -> Bool {
        !bytes.isEmpty && text.utf8.count >= bytes.count && text.contains(String(decoding: bytes, as: UTF8.self))
    }
}
