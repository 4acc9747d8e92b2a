// The masking target: arbitrary bytes, with known secrets planted in them, go through
// `Redactor.body(_:contentType:)` (and, past its streaming threshold, the one-pass streaming
// masker); aborts when the bytes of a known secret reach the output.
//
// The first input byte chooses the shape: bits 0-1 the content type (JSON, form, text, none),
// bit 2 a prefix that makes a secret member (`{"access_token":"<secret 0>"` then the rest). The
// masking-streaming target pads every body past the streaming threshold (leading spaces), so the
// one-pass masker sees it; it is slow (about 0.4 s a body under ASan), hence a target of its own. In the rest, bytes 0x01, 0x02 and 0x03 are replaced by
// the three secrets (the first 8 of them; more only make the input slow), so the fuzzer can put a
// secret anywhere: in strings, keys, escapes, cut short.
//
// Known finding (2026-12-03): a known secret followed by a combining mark (U+0301, U+064D…) is not
// scrubbed, in text and in JSON strings, because String matching compares grapheme clusters, not
// bytes. Fuzz/regressions/masking/ holds two minimal inputs; move them to Fuzz/seeds/masking/ once
// Redactor is fixed, so the fixed bug stays fixed.
import Foundation
import PingOneAPI
import WizardCore

let maskingSecrets = ["S3cr3t-Alpha-zz91", "p@ss\"w\\rd/\u{E9}+%20 x", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"]
let maskingRedactor = Redactor(secrets: maskingSecrets.map { Secret($0) })

func fuzzMasking(_ data: Data, streaming: Bool) {
    guard let mode = data.first else { return }
    var body: [UInt8] = []
    if streaming { body += Array(repeating: UInt8(ascii: " "), count: Redactor.streamingThreshold + 1) }
    if mode & 4 != 0 { body += Array(#"{"access_token":""#.utf8) + Array(maskingSecrets[0].utf8) + [UInt8(ascii: "\"")] }
    var planted = 0
    for byte in data.dropFirst() {
        if (1...3).contains(byte), planted < 8 {
            body += Array(maskingSecrets[Int(byte) - 1].utf8)
            planted += 1
        } else {
            body.append(byte)
        }
    }
    let types = ["application/json", "application/x-www-form-urlencoded", "text/html; charset=utf-8", nil]
    let output = Array(maskingRedactor.body(Data(body), contentType: types[Int(mode & 3)]).utf8)
    for secret in maskingSecrets {
        let needle = Array(secret.utf8)
        guard output.count >= needle.count else { continue }
        for start in 0...(output.count - needle.count) where output[start] == needle[0] {
            if Array(output[start..<(start + needle.count)]) == needle {
                FileHandle.standardError.write(Data("masking target: the secret \(secret.prefix(4))… is in the output at byte \(start)\n".utf8))
                abort()
            }
        }
    }
}
