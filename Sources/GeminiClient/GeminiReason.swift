/// The `reason` of a Gemini error response. Unknown reasons keep their text.
public enum GeminiReason: Sendable, Hashable, CustomStringConvertible {
    case invalidSignature, invalidNonce, missingNonce, invalidJson, endpointMismatch
    case missingApikeyHeader, missingPayloadHeader, missingSignatureHeader, invalidApiKey
    case missingRole, remoteAddressForbidden, missingAccountName, invalidAccountName
    case accountsOnGroupOnlyApi, orderNotFound, rateLimit, system, maintenance, noSSL, endpointNotFound, invalidRequest
    /// Terms not accepted; Gemini spells it both ways (`MustAccepTerms`, sic, and `AcceptTermsRequired`).
    case mustAcceptTerms, acceptTermsRequired
    case insufficientFunds, marketClosed
    case other(String)

    static let table: [(GeminiReason, String)] = [
        (.invalidSignature, "InvalidSignature"), (.invalidNonce, "InvalidNonce"), (.missingNonce, "MissingNonce"),
        (.invalidJson, "InvalidJson"), (.endpointMismatch, "EndpointMismatch"),
        (.missingApikeyHeader, "MissingApikeyHeader"), (.missingPayloadHeader, "MissingPayloadHeader"),
        (.missingSignatureHeader, "MissingSignatureHeader"), (.invalidApiKey, "InvalidApiKey"),
        (.missingRole, "MissingRole"), (.remoteAddressForbidden, "RemoteAddressForbidden"),
        (.missingAccountName, "MissingAccountName"), (.invalidAccountName, "InvalidAccountName"),
        (.accountsOnGroupOnlyApi, "AccountsOnGroupOnlyApi"), (.orderNotFound, "OrderNotFound"),
        (.rateLimit, "RateLimit"), (.system, "System"), (.maintenance, "Maintenance"), (.noSSL, "NoSSL"),
        (.endpointNotFound, "EndpointNotFound"), (.invalidRequest, "InvalidRequest"),
        (.mustAcceptTerms, "MustAccepTerms"), (.acceptTermsRequired, "AcceptTermsRequired"),
        (.insufficientFunds, "InsufficientFunds"), (.marketClosed, "MarketClosed"),
    ]

    public init(_ text: String) {
        self = Self.table.first { $0.1 == text }?.0 ?? .other(text)
    }

    /// The reason as Gemini spells it.
    public var description: String {
        if case .other(let text) = self { return text }
        return Self.table.first { $0.0 == self }!.1
    }

    /// The HTTP status Gemini answers this reason with.
    public var httpStatus: Int {
        switch self {
        case .missingRole, .remoteAddressForbidden: 403
        case .orderNotFound, .endpointNotFound: 404
        case .rateLimit: 429
        case .insufficientFunds: 406
        case .system: 500
        case .maintenance: 503
        default: 400
        }
    }
}
