import Foundation
import PingOneAPI

// A JWT a step signs with a secret the script keeps in a variable (a CLIENT_SECRET_JWT client
// assertion, HS256 with the application's secret) cannot be written into the script: it is made
// when the request is built and expires within minutes. The export recognises one in a form body
// by its signature (it verifies with one of the secret sentinels), and the script makes it again
// just before it sends the request: the same header, the claims as jq makes them from the
// script's variables (iat, exp and nbf moved to the moment of sending, the same distances apart,
// and a fresh random jti), signed by HMAC-SHA256 with the secret. The secret never is an argument
// of a program: od reads it from its standard input, the key's pads are made by the shell's own
// arithmetic and printf, and openssl hashes its standard input. The script then needs openssl
// and od besides curl and jq.

extension CurlScript {
    /// The claims made again at send time: the times (moved to now) and the JWT's identifier.
    static let timeClaims: Set<String> = ["iat", "exp", "nbf"]

    /// `text` (a form body) with every HS256 JWT signed with a secret of `renderer`'s placeholders
    /// replaced by a variable that the returned lines make just before the request is sent; the
    /// variable is added to the renderer's placeholders, and what making it reads to its `used`.
    static func remakeSignedJWTs(in text: String, renderer: inout Renderer) throws(Unreplayable) -> (text: String, lines: [String]) {
        var fields = text.split(separator: "&", omittingEmptySubsequences: false).map(String.init)
        var lines: [String] = []
        let secrets = renderer.placeholders.sentinels.filter { $0.variable.isSecret }
        for index in fields.indices {
            let parts = fields[index].split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[1].hasPrefix("eyJ"), parts[1].split(separator: ".").count == 3,
                  let key = secrets.first(where: { ClientAssertion.isSigned(parts[1], with: Secret($0.text)) })?.variable
            else { continue }
            let token = parts[1].split(separator: ".").map(String.init)
            guard let header = Base64URL.decode(token[0]).flatMap(JSONValue.init(parsing:)),
                  case .object(let claims)? = ClientAssertion.payload(of: parts[1])
            else { throw Unreplayable(reason: "the step signs a JWT the script cannot read") }
            let issued = claims["iat"]?.numberValue ?? claims["exp"]?.numberValue ?? 0
            var members: [String] = []
            for name in claims.keys.sorted() {
                let value = claims[name] ?? .null
                let program: String
                if timeClaims.contains(name), let seconds = value.numberValue {
                    program = "($now + \(JSONValue.number(seconds - issued).compactText))"
                } else if name == "jti" {
                    program = "$jti"
                } else {
                    program = try renderer.jq(value, bound: [:])
                }
                members.append(json(name) + ": " + program)
            }
            let name = shellName(parts[0].replacingOccurrences(of: "_", with: " ").capitalized.replacingOccurrences(of: " ", with: ""))
            let variable = Variable(origin: .generated, name: name, isSecret: true, isList: false, isID: false)
            let sentinel = "zq\(renderer.placeholders.nonce)jwt\(index)qz"
            renderer.placeholders.sentinels.append((sentinel, variable))
            renderer.used.insert(key)
            fields[index] = parts[0] + "=" + sentinel
            let claimsProgram = "(now | floor) as $now | {" + members.joined(separator: ", ") + "}"
            lines.append(hs256Function)
            lines.append("\(name)=$(jwt_hs256 \(quote(header.compactText)) \(quote(claimsProgram)) \(key.name)) "
                + "|| fail \(comment("cannot make the \(parts[0]) (needs jq, od and openssl)"))")
        }
        return (fields.joined(separator: "&"), lines)
    }

    /// The shell function that makes an HS256 JWT without the key on any command line.
    static let hs256Function = #"""
        # jwt_hs256 HEADER CLAIMS KEYVAR: a JWT of the JSON HEADER and of the claims jq makes from the
        # program CLAIMS (reading the environment; $jti is a fresh random ID), signed by HMAC-SHA256
        # (RFC 2104) with the value of the variable KEYVAR. The key is never an argument: od reads it
        # from stdin, its pads are made by the shell's arithmetic and printf, openssl hashes stdin.
        jwt_hs256() {
          j_claims=$(jq -nc --arg jti "$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" "$2") || return 1
          j_input="$(printf '%s' "$1" | base64 | tr '+/' '-_' | tr -d '=\n').$(printf '%s' "$j_claims" | base64 | tr '+/' '-_' | tr -d '=\n')"
          eval "j_key=\${$3}"
          j_hex=$(printf '%s' "$j_key" | od -An -v -tx1 | tr -d ' \n')
          if [ "${#j_hex}" -gt 128 ]; then j_hex=$(printf '%s' "$j_key" | openssl dgst -sha256 -binary | od -An -v -tx1 | tr -d ' \n'); fi
          j_ipad= j_opad= j_n=0
          while [ "$j_n" -lt 64 ]; do
            j_b=0
            if [ -n "$j_hex" ]; then j_two=${j_hex%"${j_hex#??}"}; j_hex=${j_hex#??}; j_b=$((0x$j_two)); fi
            j_i=$((j_b ^ 54)) j_o=$((j_b ^ 92))
            j_ipad="$j_ipad\\$((j_i / 64))$((j_i / 8 % 8))$((j_i % 8))"
            j_opad="$j_opad\\$((j_o / 64))$((j_o / 8 % 8))$((j_o % 8))"
            j_n=$((j_n + 1))
          done
          { printf "$j_ipad"; printf '%s' "$j_input"; } | openssl dgst -sha256 -binary >"$TMP/mac" || return 1
          [ -s "$TMP/mac" ] || return 1
          j_sig=$({ printf "$j_opad"; cat "$TMP/mac"; } | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n')
          rm -f "$TMP/mac"
          [ -n "$j_sig" ] || return 1
          printf '%s' "$j_input.$j_sig"
        }
        """#
}
