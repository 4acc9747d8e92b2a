import Foundation
import PingOneAPI

// A request built from sentinels, rendered as the shell lines that make it again from variables:
// headers into curl's 0600 configuration file, the body into a 0600 file (JSON made by jq from a
// program reading its values from the environment), the URL as curl's one argument.

extension CurlScript {
    /// Why a step's request cannot be made again by the script (it is then refused where it
    /// would be sent, with this reason).
    struct Unreplayable: Error {
        let reason: String
    }

    /// Text of a request split into literal pieces and variables.
    enum Piece: Hashable {
        case text(String)
        case variable(Variable)
    }

    /// One step's request as shell lines, and what they use.
    struct RenderedRequest {
        var lines: [String] = []
        var used: Set<Variable> = []
        /// Inputs whose sentinel became a JSON member name: they shape the body, so the script
        /// writes them as the run had them.
        var memberNames: Set<InputField> = []
    }

    /// Renders `request`, built from `placeholders`; `expect` is the first digit of the status
    /// the step expects (2, or 3 for a redirect that is read).
    static func render(_ request: HTTPRequest, _ placeholders: Placeholders, expect: Int) throws(Unreplayable) -> RenderedRequest {
        var rendered = RenderedRequest()
        var renderer = Renderer(placeholders: placeholders)
        rendered.lines.append("begin")
        for field in request.headers {
            rendered.lines.append("hdr " + (try renderer.header(name: field.name, value: field.value)))
        }
        if let body = request.body, !body.isEmpty {
            let type = (request.headers["Content-Type"] ?? "").lowercased()
            let text = String(decoding: body, as: UTF8.self)
            if type.hasPrefix(RequestBuilder.MediaType.json) || type.hasSuffix("+json"), let json = JSONValue(parsing: body) {
                rendered.lines.append("json_body " + quote(try renderer.jq(json, bound: [:])))
            } else if type.hasPrefix(RequestBuilder.MediaType.form) {
                // A JWT signed with a secret the script keeps is made again when sent (CurlScript+Assertion.swift).
                let signed = try remakeSignedJWTs(in: text, renderer: &renderer)
                rendered.lines += signed.lines
                rendered.lines.append("text_body " + (try renderer.shell(signed.text, encoding: FormURLEncoding.encode, wrap: Renderer.formValue)))
            } else {
                rendered.lines.append("text_body " + (try renderer.shell(text, encoding: { $0 }, wrap: Renderer.raw)))
            }
        }
        rendered.lines.append("send \(request.method.rawValue) \(try renderer.url(request.url.absoluteString)) \(expect)")
        rendered.used = renderer.used
        rendered.memberNames = renderer.memberNames
        return rendered
    }

    /// Turns sentinel-bearing text into shell words and jq programs.
    struct Renderer {
        var placeholders: Placeholders
        var used: Set<Variable> = []
        var memberNames: Set<InputField> = []
        var items = 0

        /// `text` split at every sentinel, as `encoding` writes sentinels; a sentinel altered some
        /// other way (a step that transforms a value) cannot be made again.
        mutating func pieces(_ text: String, encoding: (String) -> String) throws(Unreplayable) -> [Piece] {
            let needles = placeholders.sentinels.map { (encoding($0.text), $0.variable) }
            var pieces: [Piece] = []
            var rest = Substring(text)
            while !rest.isEmpty {
                var first: (range: Range<Substring.Index>, variable: Variable)?
                for (needle, variable) in needles {
                    guard let range = rest.range(of: needle) else { continue }
                    if first.map({ range.lowerBound < $0.range.lowerBound }) ?? true { first = (range, variable) }
                }
                guard let first else {
                    pieces.append(.text(String(rest)))
                    break
                }
                if first.range.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<first.range.lowerBound]))) }
                pieces.append(.variable(first.variable))
                used.insert(first.variable)
                rest = rest[first.range.upperBound...]
            }
            for case .text(let literal) in pieces where literal.lowercased().contains(placeholders.nonce) {
                throw Unreplayable(reason: "the step transforms a value the script keeps in a variable")
            }
            return pieces
        }

        /// `text` as one double-quoted shell word, each variable written by `wrap`.
        mutating func shell(_ text: String, encoding: (String) -> String,
                            wrap: (Variable) throws(Unreplayable) -> String) throws(Unreplayable) -> String {
            var word = "\""
            for piece in try pieces(text, encoding: encoding) {
                switch piece {
                case .text(let literal): word += Self.doubleQuoted(literal)
                case .variable(let variable): word += try wrap(variable)
                }
            }
            return word + "\""
        }

        /// A variable as it is (an ID, a host, a header's value).
        static func raw(_ variable: Variable) -> String { "${\(variable.name)}" }

        /// A variable form-encoded (IDs need no encoding).
        static func formValue(_ variable: Variable) -> String {
            variable.isID ? raw(variable) : "$(enc \"$\(variable.name)\")"
        }

        /// The URL: the host variable, then the path (a variable there is an ID or percent-encoded
        /// as one segment) and the query (form-encoded). A secret never goes into a URL: curl's
        /// arguments are readable by every local user.
        mutating func url(_ text: String) throws(Unreplayable) -> String {
            let refuseSecret = { (variable: Variable) throws(Unreplayable) in
                if variable.isSecret { throw Unreplayable(reason: "the step puts a secret in its URL") }
            }
            var prefix = ""
            var rest = text
            for host in placeholders.hosts {
                guard let sentinel = placeholders.sentinels.first(where: { $0.variable == host })?.text,
                      rest.hasPrefix(sentinel) else { continue }
                prefix = Self.raw(host)
                used.insert(host)
                rest = String(rest.dropFirst(sentinel.count))
            }
            let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            var word = "\"" + prefix
            for piece in try pieces(parts[0], encoding: RequestBuilder.pathSegment) {
                switch piece {
                case .text(let literal): word += Self.doubleQuoted(literal)
                case .variable(let variable):
                    try refuseSecret(variable)
                    word += variable.isID || variable.origin == .host(api: true) || variable.origin == .host(api: false)
                        ? Self.raw(variable) : "$(seg \"$\(variable.name)\")"
                }
            }
            if parts.count > 1 {
                word += "?"
                for piece in try pieces(parts[1], encoding: FormURLEncoding.encode) {
                    switch piece {
                    case .text(let literal): word += Self.doubleQuoted(literal)
                    case .variable(let variable):
                        try refuseSecret(variable)
                        word += Self.formValue(variable)
                    }
                }
            }
            return word + "\""
        }

        /// A header line for `hdr`. A Basic credential is decoded, so that the client ID and
        /// secret it was made from are found (each form-encoded, as RFC 6749 asks) and it is made
        /// again by base64 reading its standard input.
        mutating func header(name: String, value: String) throws(Unreplayable) -> String {
            let scheme = "Basic "
            if name.caseInsensitiveCompare("Authorization") == .orderedSame, value.hasPrefix(scheme),
               let decoded = Data(base64Encoded: String(value.dropFirst(scheme.count))).map({ String(decoding: $0, as: UTF8.self) }) {
                let credential = try shell(decoded, encoding: FormURLEncoding.encode, wrap: Self.formValue)
                if credential.contains("$") {
                    return "\"\(Self.doubleQuoted(name)): \(scheme)$(b64 \(credential))\""
                }
            }
            return try shell("\(name): \(value)", encoding: { $0 }, wrap: Self.raw)
        }

        /// A jq program that makes `value` with every variable read from the environment (or
        /// bound to an item of a list). A JSON array holding one element made from a list
        /// variable gets one element per item of the list.
        mutating func jq(_ value: JSONValue, bound: [Variable: String]) throws(Unreplayable) -> String {
            switch value {
            case .null, .bool, .number:
                return value.compactText
            case .string(let text):
                let parts = try pieces(text, encoding: { $0 }).map { piece in
                    switch piece {
                    case .text(let literal): JSONValue.string(literal).compactText
                    case .variable(let variable): bound[variable] ?? "env.\(variable.name)"
                    }
                }
                if parts.isEmpty { return "\"\"" }
                return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " + ") + ")"
            case .array(let elements):
                if elements.count == 1, let list = try listVariable(in: elements[0], bound: bound) {
                    items += 1
                    let item = "$item\(items)"
                    var inner = bound
                    inner[list] = item
                    let element = try jq(elements[0], bound: inner)
                    return "[(env.\(list.name) | split(\" \") | .[] | select(length > 0)) as \(item) | \(element)]"
                }
                var rendered: [String] = []
                for element in elements { rendered.append(try jq(element, bound: bound)) }
                return "[" + rendered.joined(separator: ", ") + "]"
            case .object(let members):
                var rendered: [String] = []
                for key in members.keys.sorted() {
                    for case .variable(let variable) in try pieces(key, encoding: { $0 }) {
                        guard case .input(let field) = variable.origin else {
                            throw Unreplayable(reason: "the step makes a JSON member name of a captured value")
                        }
                        memberNames.insert(field)
                    }
                    rendered.append(JSONValue.string(key).compactText + ": " + (try jq(members[key] ?? .null, bound: bound)))
                }
                return "{" + rendered.joined(separator: ", ") + "}"
            }
        }

        /// The one list variable (not yet bound) that `value` is made from, if there is exactly one.
        mutating func listVariable(in value: JSONValue, bound: [Variable: String]) throws(Unreplayable) -> Variable? {
            var found: Set<Variable> = []
            var pending = [value]
            while let next = pending.popLast() {
                switch next {
                case .string(let text):
                    for case .variable(let variable) in try pieces(text, encoding: { $0 }) where variable.isList && bound[variable] == nil {
                        found.insert(variable)
                    }
                case .array(let elements): pending += elements
                case .object(let members): pending += members.values
                case .null, .bool, .number: break
                }
            }
            return found.count == 1 ? found.first : nil
        }

        /// `text` for the inside of a double-quoted shell word.
        static func doubleQuoted(_ text: String) -> String {
            var escaped = ""
            for character in text {
                if "\\\"$`".contains(character) { escaped.append("\\") }
                escaped.append(character)
            }
            return escaped
        }
    }
}
