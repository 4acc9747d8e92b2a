import Foundation

/// Masks secret values in text of any shape, by what the text looks like and never by whether it
/// parses: a JSON body whole or cut short, JSON inside an HTML page or quoted inside another JSON
/// string, form-encoded text, a URL with a query or a fragment. It works on bytes in one pass, so
/// a secret-bearing answer with an unexpected status or a garbled body is masked as surely as a
/// well-formed one, before the run knows the secret's value (a secret in an answer that failed
/// to decode is never known by value). The ``Redactor``'s scrub of known values comes after it.
///
/// What it masks:
/// - the string value of a member whose name is secret (``memberNames``): a quoted name, optional
///   spaces, `:`, optional spaces, and a string, up to its closing quote or, when it has none (a
///   body cut short), to the end. The quote may be `"` or `'`, JSON-escaped (`\"`, `\\\"`: JSON
///   quoted inside a JSON string) or an HTML entity (`&quot;`, `&#34;`);
/// - the value of a form field or query parameter whose name is secret (``fieldNames``): `name=`
///   and what follows, up to `&`, `#`, `;`, `,`, a quote, `<`, `>`, `\`, white space or the end;
/// - every JWT-looking run, wherever it is and whatever holds it: base64url beginning with `eyJ`
///   (a JSON header), with its dots and following segments.
///
/// `code` is special: PingOne's error bodies say `"code": "INVALID_DATA"`, and an authorization
/// code travels as `code=…` in a `Location`. A `code` is masked unless its whole value is an
/// upper-case error code (letters and underscores, as in `INVALID_DATA`; an authorization code
/// is random mixed-case text); a value cut short by the end of the text is masked whatever it is.
public enum SecretMasker {
    /// Members whose string values are secrets (compared without regard to case).
    public static let memberNames: Set<String> = [
        "access_token", "id_token", "refresh_token", "secret", "client_secret", "password", "value", "code",
        "code_verifier", "token", "authorization", "client_assertion",
    ]
    /// Form fields and query parameters whose values are secrets (compared without regard to case).
    public static let fieldNames: Set<String> = [
        "access_token", "id_token", "refresh_token", "secret", "client_secret", "password", "code", "code_verifier",
        "token", "client_assertion",
    ]

    static let maskBytes = Array(Secret.mask.utf8)

    /// `data` with every secret value masked.
    public static func mask(_ data: Data) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        scan(ArraySlice(data), into: &out)
        return Data(out)
    }

    /// `text` with every secret value masked.
    public static func mask(_ text: String) -> String {
        var out: [UInt8] = []
        scan(ArraySlice(text.utf8), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A one-line preview of a body (``SafeText/preview(_:limit:)``), masked before it is cut:
    /// what every error made from a response shows of its body.
    public static func preview(_ body: Data) -> String {
        // Only the start is shown: masking its first 16 KB is enough, and safe (a secret the cut
        // splits is masked to the cut, as in a body cut short).
        SafeText.preview(mask(body.count > 16_384 ? body.prefix(16_384) : body))
    }

    /// The value of the member (or field) `name` as it may be shown: the mask when the member is
    /// secret, otherwise `value` with whatever secret it holds masked.
    public static func member(_ name: String, value: String) -> String {
        let nameBytes = ArraySlice(name.utf8)
        let valueBytes = ArraySlice(value.utf8)
        if isSecretMember(nameBytes), masks(member: nameBytes, value: valueBytes, closed: true) { return Secret.mask }
        return mask(value)
    }

    /// Appends the content of one JSON string (as on the wire, escapes kept, quotes left out) to
    /// `out`, masked: wholly when it is the value of the secret member `member`, otherwise by
    /// what it holds (a JWT, a URL with a code, quoted JSON with secret members). For a parser
    /// that already knows which member a string belongs to, such as ``StreamingJSON``.
    package static func appendString(_ content: ArraySlice<UInt8>, member: ArraySlice<UInt8>?, to out: inout [UInt8]) {
        if let member, isSecretMember(member), masks(member: member, value: content, closed: true) {
            out += maskBytes
        } else if mayHoldSecret(content) {
            scan(content, into: &out)
        } else {
            out += content
        }
    }

    /// Whether `bytes` hold anything the scanner acts on: a quote, a backslash, `&`, `=` or
    /// `eyJ`. Most strings of a large body hold none, and are copied as they are.
    static func mayHoldSecret(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var previous: (UInt8, UInt8) = (0, 0)
            for byte in buffer {
                switch byte {
                case 0x22, 0x27, 0x5C, 0x26, 0x3D: return true  // " ' \ & =
                case 0x4A where previous == (0x65, 0x79): return true  // eyJ
                default: previous = (previous.1, byte)
                }
            }
            return false
        }
    }

    // MARK: - The scanner

    /// The quotes a member's name and value may be written with, longest first.
    static let quotes: [[UInt8]] = [
        Array(#"\\\""#.utf8), Array("&quot;".utf8), Array("&#34;".utf8), Array("&#x22;".utf8), Array(#"\""#.utf8),
        [0x22], [0x27],
    ]

    /// Copies `bytes` to `out`, masking every secret value it finds.
    static func scan(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var i = bytes.startIndex
        var copied = i  // bytes[copied..<i] are still to be copied
        let end = bytes.endIndex
        func replace(_ range: Range<Int>) {
            out += bytes[copied..<range.lowerBound]
            out += maskBytes
            copied = range.upperBound
            i = range.upperBound
        }
        while i < end {
            let byte = bytes[i]
            switch byte {
            case 0x22, 0x27, 0x5C, 0x26:  // " ' \ &
                guard let member = member(in: bytes, at: i) else {
                    i += 1
                    continue
                }
                if isSecretMember(bytes[member.name]) {
                    let value = valueEnd(in: bytes, from: member.valueStart, quote: member.quote)
                    let range = member.valueStart..<value.contentEnd
                    if !range.isEmpty, masks(member: bytes[member.name], value: bytes[range], closed: value.closed) {
                        replace(range)
                        continue
                    }
                }
                i = member.valueStart  // the value is scanned like any text
            default:
                guard isNameByte(byte), i == bytes.startIndex || !isNameByte(bytes[i - 1]) else {
                    i += 1
                    continue
                }
                if let jwt = jwtEnd(in: bytes, at: i) {
                    replace(i..<jwt)
                } else if let field = field(in: bytes, at: i) {
                    if let value = field.value { replace(value) } else { i = field.next }
                } else {
                    i += 1
                }
            }
        }
        out += bytes[copied..<end]
    }

    /// A member at `i`: a quoted name, `:`, and the opening quote of a string value.
    static func member(in b: ArraySlice<UInt8>, at i: Int) -> (name: Range<Int>, quote: [UInt8], valueStart: Int)? {
        for quote in quotes where b[i...].starts(with: quote) {
            var j = i + quote.count
            let nameStart = j
            while j < b.endIndex, j - nameStart < 64, isNameByte(b[j]) { j += 1 }
            guard j > nameStart, b[j...].starts(with: quote) else { continue }
            let name = nameStart..<j
            j += quote.count
            while j < b.endIndex, isSpace(b[j]) { j += 1 }
            guard j < b.endIndex, b[j] == 0x3A else { continue }
            j += 1
            while j < b.endIndex, isSpace(b[j]) { j += 1 }
            guard b[j...].starts(with: quote) else { return nil }
            return (name, quote, j + quote.count)
        }
        return nil
    }

    /// Where a string value's content ends (its closing quote, or the end of the text).
    static func valueEnd(in b: ArraySlice<UInt8>, from start: Int, quote: [UInt8]) -> (contentEnd: Int, closed: Bool) {
        var j = start
        if quote.count == 1 {
            while j < b.endIndex {
                if b[j] == quote[0] { return (j, true) }
                j += b[j] == 0x5C ? 2 : 1  // a backslash escapes the next byte
            }
            return (b.endIndex, false)
        }
        while j < b.endIndex {
            if b[j...].starts(with: quote) { return (j, true) }
            j += 1
        }
        return (b.endIndex, false)
    }

    /// A form field at `i` (at the start of a word): the range of its value when the field is
    /// secret and its value is to be masked; `next` is where scanning goes on otherwise.
    static func field(in b: ArraySlice<UInt8>, at i: Int) -> (value: Range<Int>?, next: Int)? {
        var j = i
        while j < b.endIndex, j - i < 64, isNameByte(b[j]) { j += 1 }
        guard j < b.endIndex, b[j] == 0x3D else { return nil }  // =
        let name = b[i..<j]
        guard isSecretField(name) else { return (nil, j) }
        let start = j + 1
        var k = start
        while k < b.endIndex, !isFieldDelimiter(b[k]) { k += 1 }
        guard k > start, masks(member: name, value: b[start..<k], closed: k < b.endIndex) else { return (nil, k) }
        return (start..<k, k)
    }

    /// The end of a JWT-looking run at `i`: `eyJ` and base64url (at least 8 characters: a JSON
    /// header's start), then any `.segment`s.
    static func jwtEnd(in b: ArraySlice<UInt8>, at i: Int) -> Int? {
        guard b[i...].starts(with: [0x65, 0x79, 0x4A]) else { return nil }  // eyJ
        var j = i
        while j < b.endIndex, isBase64URL(b[j]) { j += 1 }
        guard j - i >= 8 else { return nil }
        while j < b.endIndex, b[j] == 0x2E {  // .
            j += 1
            while j < b.endIndex, isBase64URL(b[j]) { j += 1 }
        }
        return j
    }

    // MARK: - Decisions

    static func isSecretMember(_ name: ArraySlice<UInt8>) -> Bool {
        memberNameBytes.contains { equalsIgnoringCase(name, $0) }
    }

    static func isSecretField(_ name: ArraySlice<UInt8>) -> Bool {
        fieldNameBytes.contains { equalsIgnoringCase(name, $0) }
    }

    static let memberNameBytes = memberNames.map { Array($0.utf8) }
    static let fieldNameBytes = fieldNames.map { Array($0.utf8) }
    static let codeBytes = Array("code".utf8)

    /// Whether `bytes` spell `lowercaseName` (ASCII, without regard to case). Allocates nothing:
    /// it runs for every member name of a body.
    static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ lowercaseName: [UInt8]) -> Bool {
        guard bytes.count == lowercaseName.count else { return false }
        var i = bytes.startIndex
        for expected in lowercaseName {
            let byte = bytes[i]
            guard byte == expected || ((0x41...0x5A).contains(byte) && byte | 0x20 == expected) else { return false }
            i += 1
        }
        return true
    }

    /// Whether the value of a secret member or field is masked: always, except a `code` whose
    /// whole value is an upper-case error code such as `INVALID_DATA`.
    static func masks(member name: ArraySlice<UInt8>, value: ArraySlice<UInt8>, closed: Bool) -> Bool {
        guard closed, equalsIgnoringCase(name, codeBytes) else { return true }
        let isErrorCode = !value.isEmpty && value.count <= 64
            && value.allSatisfy { (0x41...0x5A).contains($0) || $0 == 0x5F }  // A-Z _
        return !isErrorCode
    }

    /// A-Z a-z 0-9 _ - . : what names of members and fields are made of.
    static func isNameByte(_ b: UInt8) -> Bool {
        isBase64URL(b) || b == 0x2E
    }

    /// A-Z a-z 0-9 - _
    static func isBase64URL(_ b: UInt8) -> Bool {
        (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b == 0x2D || b == 0x5F
    }

    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    /// & # ; , " ' < > \ ) and white space end a form field's value.
    static func isFieldDelimiter(_ b: UInt8) -> Bool {
        switch b {
        case 0x26, 0x23, 0x3B, 0x2C, 0x22, 0x27, 0x3C, 0x3E, 0x5C, 0x29, 0x20, 0x09, 0x0A, 0x0D: true
        default: false
        }
    }
}
