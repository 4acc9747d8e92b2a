import Crypto
import Foundation

/// HS256 JSON Web Tokens, as the simulator's access and ID tokens.
struct JWTSigner: Sendable {
    let keyBytes: [UInt8]
    var key: SymmetricKey { SymmetricKey(data: keyBytes) }
    let keyID: String

    func sign(_ claims: JSON) -> String {
        let header: JSON = ["alg": "HS256", "typ": "JWT", "kid": .string(keyID)]
        let signingInput = Base64URL.encode(header.serialized()) + "." + Base64URL.encode(claims.serialized())
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(Data(mac))
    }

    /// The claims of a token this signer issued, or nil if it is malformed or its signature fails.
    func verify(_ token: String) -> JSON? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Base64URL.decode(String(parts[2])),
            let payload = Base64URL.decode(String(parts[1]))
        else { return nil }
        let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key) else {
            return nil
        }
        return JSON.parse(payload)
    }
}

enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ string: String) -> Data? {
        var s = string.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s)
    }
}

/// The PKCE S256 transform: BASE64URL(SHA256(verifier)).
func pkceS256(_ verifier: String) -> String {
    Base64URL.encode(Data(SHA256.hash(data: Data(verifier.utf8))))
}
