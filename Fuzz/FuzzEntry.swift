// libFuzzer entry for p1wizard's parsers. Built by scripts/fuzz.sh with -sanitize=fuzzer,address;
// not part of the package build. FUZZ_TARGET chooses what the input feeds:
//   decoders  every response decoder (as body, Location and Set-Cookie), JWT claims, Retry-After
//   theme     the theme file parser
//   answers   the answers file, configuration file, journal and Postman environment parsers
//   journal   the journal loader (decode and validate) and what an accepted journal feeds (FuzzJournal.swift)
//   masking   Redactor.body with known secrets planted in malformed bodies (FuzzMasking.swift)
//   masking-streaming  the same, every body past the streaming threshold (the one-pass masker)
import Foundation
import PingOneAPI
import TUIKit
import WizardCore

let target = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "decoders"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    let text = String(decoding: data, as: UTF8.self)
    switch target {
    case "journal":
        fuzzJournal(data)
    case "masking", "masking-streaming":
        fuzzMasking(data, streaming: target == "masking-streaming")
    case "theme":
        _ = try? Theme.parse(text: text, source: "fuzz")
    case "answers":
        _ = try? AnswersFile.parse(data)
        _ = try? ConfigFile.parse(text, path: "fuzz")
        _ = try? Journal.decode(data)
        _ = try? PostmanEnvironment.answers(from: data)
    default:
        for status in [200, 201, 204, 302, 400, 401, 403, 404, 415, 429, 500] {
            let json = HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json"), ("Retry-After", text)]), body: data)
            _ = try? ResponseDecoder.decodeWorkerToken(json)
            _ = try? ResponseDecoder.decodeCreatedApplication(json)
            _ = try? ResponseDecoder.decodeApplicationSecret(json)
            _ = try? ResponseDecoder.decodeResources(json)
            _ = try? ResponseDecoder.decodeScopes(json)
            _ = try? ResponseDecoder.decodeCreatedGrant(json)
            _ = try? ResponseDecoder.decodeCreatedPopulation(json)
            _ = try? ResponseDecoder.decodeCreatedUser(json)
            _ = try? ResponseDecoder.decodePasswordSet(json)
            _ = try? ResponseDecoder.decodeFlow(json)
            _ = try? ResponseDecoder.decodeTokenResponse(json)
            _ = try? ResponseDecoder.decodeUser(json)
            _ = try? ResponseDecoder.decodeUsers(json)
            _ = ResponseDecoder.classifyFailure(json, expected: 200)
            _ = json.retryAfter(now: Date(timeIntervalSince1970: 1_800_000_000))
            let redirect = HTTPResponse(status: status, headers: HTTPHeaders([("Location", text), ("Set-Cookie", text)]), body: data)
            _ = try? ResponseDecoder.decodeAuthorizeRedirect(redirect)
            _ = try? ResponseDecoder.decodeResumeRedirect(redirect, expectedState: "s")
        }
        var jar = CookieJar()
        if let url = URL(string: "https://auth.pingone.com/env/flows/f") {
            jar.store(setCookieHeaders: text.split(separator: "\n").map(String.init), from: url, now: Date(timeIntervalSince1970: 1_800_000_000))
            _ = jar.cookieHeader(for: url, now: Date(timeIntervalSince1970: 1_800_000_000))
        }
        _ = JWTClaims.decode(Secret(text))
        _ = SafeText.preview(data)
        _ = SafeDisplay.visible(text)
    }
    return 0
}
