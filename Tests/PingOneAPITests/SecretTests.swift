import Foundation
import PingOneAPI
import Testing

@Suite("Secrets stay masked")
struct SecretTests {
    struct Holder {
        var label = "visible-label"
        var token = Secret("TOPSECRET-1")
        var tokens = TokenResponse(accessToken: Secret("TOPSECRET-2"), idToken: Secret("TOPSECRET-3"))
        var jar: CookieJar = {
            var jar = CookieJar()
            if let url = URL(string: "https://auth.pingone.com/") {
                jar.store(setCookieHeaders: ["ST=TOPSECRET-4"], from: url, now: Date(timeIntervalSince1970: 0))
            }
            return jar
        }()
        var redirect = ResumeRedirect(code: Secret("TOPSECRET-5"), state: "s")
        var worker = WorkerToken(accessToken: Secret("TOPSECRET-6"))
        var appSecret = ApplicationSecret(secret: Secret("TOPSECRET-7"))
    }

    @Test("no way of printing a value that holds secrets shows them")
    func masked() {
        let holder = Holder()
        var dumped = ""
        dump(holder, to: &dumped)
        let renderings = [
            String(describing: holder), "\(holder)", String(reflecting: holder), dumped,
            String(describing: holder.token), "\(holder.token)", String(reflecting: holder.token),
            String(describing: holder.jar.cookies), String(describing: [holder.token]),
            String(describing: Optional(holder.token)),
        ]
        for rendering in renderings {
            #expect(!rendering.contains("TOPSECRET"), "\(rendering)")
        }
        #expect(String(describing: holder).contains("visible-label"))
        #expect(dumped.contains(Secret.mask))
        #expect(holder.jar.cookies.first?.value.revealSecretValue() == "TOPSECRET-4")
    }

    @Test("errors never carry request secrets")
    func errorsAreSafe() {
        let error = ResponseDecoder.classifyFailure(
            response(400, #"{"error":"invalid_client"}"#), expected: 200)
        #expect(!error.summary.contains("secret"))
        let token = failure {
            try ResponseDecoder.decodeTokenResponse(response(200, #"{"access_token":"TOPSECRET-8","token_type":1}"#))
        }
        #expect(token?.summary.contains("TOPSECRET") == false)
        #expect(String(describing: token).contains("TOPSECRET") == false)
    }
}
