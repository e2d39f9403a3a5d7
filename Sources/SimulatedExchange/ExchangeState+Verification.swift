import Foundation
import GeminiClient
import NIOCore

/// The checks a private request passes before its endpoint runs, in Gemini's order.
extension ExchangeState {
    static func nonceNotIncreased(_ nonce: UInt64) -> String {
        "Nonce '\(nonce)' has not increased since your last call to the Gemini API."
    }

    /// Gemini's words to a time-based key whose nonce is too far from its clock.
    static func nonceOutsideWindow(_ nonce: UInt64, serverSeconds: UInt64) -> String {
        "Nonce '\(nonce)' is not within \(timeNonceWindowSeconds) seconds of server time '\(serverSeconds)'"
    }

    /// Headers present, key known, signature right; returns the key and the payload header. An unknown key
    /// answers `InvalidSignature`, as Gemini's does.
    func authenticate(_ request: IncomingRequest) throws(Rejection) -> (key: ExchangeKey, payload: String) {
        guard let apiKey = request.apiKey, !apiKey.isEmpty else {
            throw Rejection(.missingApikeyHeader, "Missing header 'X-GEMINI-APIKEY'")
        }
        guard let payload = request.payload, !payload.isEmpty else {
            throw Rejection(.missingPayloadHeader, "Missing header 'X-GEMINI-PAYLOAD'")
        }
        guard let signature = request.signature, !signature.isEmpty else {
            throw Rejection(.missingSignatureHeader, "Missing header 'X-GEMINI-SIGNATURE'")
        }
        guard let key = keys[apiKey] else {
            throw Rejection(.invalidSignature, "InvalidSignature: the API key is not known")
        }
        let expected = Digest.hmacSHA384Hex(key: Array(key.secret.utf8), message: Array(payload.utf8))
        guard Digest.constantTimeEqual(expected, signature) else {
            throw Rejection(.invalidSignature, "InvalidSignature: the signature does not match the payload")
        }
        return (key, payload)
    }

    /// The payload header must be base64 of a JSON object.
    func decodePayload(_ payload: String) throws(Rejection) -> PayloadFields {
        guard let data = Data(base64Encoded: payload) else {
            throw Rejection(.invalidJson, "InvalidJson: the payload header is not base64")
        }
        do {
            return try JSONDecoder().decode(PayloadFields.self, from: data)
        } catch {
            throw Rejection(.invalidJson, "InvalidJson: the payload is not a JSON object with string 'request' and 'account' fields")
        }
    }

    /// Increasing keys: strictly above the key's last accepted nonce. Time-based keys: seconds within ±30 s of now.
    func checkNonce(_ nonce: PayloadFields.Number, key: ExchangeKey, now: Date) throws(Rejection) -> UInt64 {
        switch nonce {
        case .missing:
            throw Rejection(.missingNonce, "Nonce was not provided in the payload")
        case .invalid(let text):
            throw Rejection(.invalidNonce, "Nonce '\(text)' is not a whole number")
        case .value(let value):
            if key.timeBasedNonce {
                let seconds = UInt64(max(0, now.timeIntervalSince1970))
                let distance = value > seconds ? value - seconds : seconds - value
                guard distance <= Self.timeNonceWindowSeconds else {
                    throw Rejection(.invalidNonce, Self.nonceOutsideWindow(value, serverSeconds: seconds))
                }
            } else if let last = lastNonce[key.apiKey], value <= last {
                throw Rejection(.invalidNonce, Self.nonceNotIncreased(value))
            }
            return value
        }
    }

    mutating func takeToken(key apiKey: String, account: String, uptime: NIODeadline) throws(Rejection) {
        let name = rateLimit.perKey ? apiKey : apiKey + "\n" + account
        var bucket = buckets[name] ?? TokenBucket(policy: rateLimit, now: uptime)
        let allowed = bucket.take(policy: rateLimit, now: uptime)
        buckets[name] = bucket
        guard allowed else {
            var rejection = Rejection(.rateLimit, "Requests were made too frequently. Please wait and try again.")
            rejection.retryAfterSeconds = rateLimit.retryAfterSeconds
            throw rejection
        }
    }

    /// Cancel endpoints and heartbeat need Trader; order status and active orders need Trader or Auditor.
    func checkRole(_ key: ExchangeKey, _ endpoint: PrivateEndpoint) throws(Rejection) {
        let roles = key.roles
        let needed: (ok: Bool, names: String)
        switch endpoint {
        case .cancelSession, .cancelAll, .heartbeat: needed = (roles.isTrader, "Trader")
        case .orderStatus, .activeOrders: needed = (roles.isTrader || roles.isAuditor, "Trader, Auditor")
        case .roles, .accountList: needed = (true, "")
        }
        guard needed.ok else {
            throw Rejection(.missingRole, "To access this endpoint, you need to log in to the website and go to the settings page to assign one of these roles [\(needed.names)] to API key \(key.apiKey) which currently has roles [\(roleNames(roles))]")
        }
    }

    private func roleNames(_ roles: ExchangeRoles) -> String {
        [(roles.isTrader, "Trader"), (roles.isFundManager, "FundManager"), (roles.isAuditor, "Auditor")]
            .filter(\.0).map(\.1).joined(separator: ", ")
    }

    /// The account the request acts on: `"primary"` for account keys, the named subaccount for master keys,
    /// nil for endpoints that are not account-scoped.
    ///
    /// Master keys calling `/v1/heartbeat` are answered 400 `InvalidRequest` (Gemini does not support heartbeat
    /// on master keys); account keys calling `/v1/account/list` or sending `account` get `AccountsOnGroupOnlyApi`.
    func resolveAccount(_ key: ExchangeKey, _ account: String?, _ endpoint: PrivateEndpoint) throws(Rejection) -> String? {
        guard key.isMaster else {
            if account != nil {
                throw Rejection(.accountsOnGroupOnlyApi, "The 'account' field is only accepted with a master API key")
            }
            if endpoint == .accountList {
                throw Rejection(.accountsOnGroupOnlyApi, "\(endpoint.path) is only available to master API keys")
            }
            return endpoint.isAccountScoped ? "primary" : nil
        }
        switch endpoint {
        case .heartbeat:
            throw Rejection(status: 400, reason: "InvalidRequest", message: "Master API keys do not support heartbeat")
        case .roles, .accountList:
            return nil
        case .cancelSession, .cancelAll, .orderStatus, .activeOrders:
            guard let name = account else {
                throw Rejection(.missingAccountName, "A master API key must name the account with the 'account' field")
            }
            guard let sub = key.accounts.first(where: { $0.name == name }) else {
                throw Rejection(.invalidAccountName, "Account '\(name)' does not exist in this group")
            }
            if endpoint.cancels && !sub.isCancellable {
                throw Rejection(.invalidAccountName, "Account '\(name)' is a \(sub.status) \(sub.type) account; orders can be cancelled on open exchange accounts only")
            }
            return name
        }
    }
}
