import Foundation
import PingOneAPI

/// A journal is a file anyone with write access to the state directory could have changed: its
/// IDs go into URL paths, its names and run ID into exported scripts. Every value is checked when
/// the journal is loaded, and a journal that fails any check is refused as a whole, with a message
/// that names the field and never echoes the file's raw content.
extension Journal {
    /// The largest journal file read, in bytes (a real one is a few KiB).
    public static let maximumFileSize = 4 << 20
    /// The deepest nesting of arrays and objects accepted (a real journal nests 3 deep).
    static let maximumDepth = 16
    /// The most entries of any array (captures, steps, created, deleted, scopes, values).
    static let maximumCount = 256
    /// The longest string of any field, in characters, except a step's failure text.
    static let maximumStringLength = 2048
    /// The longest failure text of a step, in characters.
    static let maximumFailureLength = 16384
    /// The characters of a run ID, as runs make them (`20261125-101500-1a2b`).
    static let runIDCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyz-".unicodeScalars)
    /// Statuses a journal writes (``StepStatus/name``).
    static let stepStatuses: Set<String> = ["pending", "running", "succeeded", "failed", "skipped"]

    /// Reads, decodes and validates the journal at `path`: a file that is not a regular file or is
    /// larger than ``maximumFileSize`` is refused before it is read.
    public static func load(path: String) throws(ReadError) -> Journal {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            throw ReadError(message: "cannot read the journal: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw ReadError(message: "the journal is not a regular file")
        }
        guard Int(info.st_size) <= maximumFileSize else {
            throw ReadError(message: "the journal is \(info.st_size) bytes, more than the \(maximumFileSize) a journal can be")
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count <= maximumFileSize {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw ReadError(message: "cannot read the journal: \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return try decode(data)
    }

    /// Checks what `decode` cannot: the size and nesting of the raw file, before it is parsed.
    static func checkShape(_ data: Data) throws(ReadError) {
        guard data.count <= maximumFileSize else {
            throw ReadError(message: "the journal is \(data.count) bytes, more than the \(maximumFileSize) a journal can be")
        }
        var depth = 0
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                guard depth <= maximumDepth else {
                    throw ReadError(message: "the journal nests deeper than \(maximumDepth) levels; a journal nests 3")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
    }

    /// A message for a decoding error that names the field by its path and never quotes the file.
    static func message(for error: any Error) -> String {
        guard let error = error as? DecodingError else { return "the journal is not valid JSON; it may be from another program" }
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "top level" : SafeText.visible(String(text.prefix(200)))
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "the journal's \(path(context.codingPath)) is not \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "the journal's \(path(context.codingPath)) is null where \(typeName(type)) belongs"
        case .keyNotFound(let key, let context):
            return "the journal's \(path(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "the journal is not valid JSON; it may be from another program" }
            return "the journal's \(path(context.codingPath)) has a value this p1wizard does not know"
        @unknown default:
            return "the journal is not readable; it may be from another program"
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        let name = String(describing: type)
        switch name {
        case "String": return "a string"
        case "Int", "Double": return "a number"
        case "Bool": return "true or false"
        default:
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "of the expected type"
        }
    }

    /// Checks every value of a decoded journal; throws naming the first field that is wrong.
    public func validate() throws(ReadError) {
        let workflow = try resolvedWorkflow()
        let checkStep = { (value: Int, field: String) throws(ReadError) in try Self.checkStep(value, field, in: workflow) }
        try Self.check(runID: runID)
        try inputs.validateForJournal(workflow: workflow)
        try Self.checkCount(captures.count, "captures")
        for (n, capture) in captures.enumerated() {
            let field = "captures[\(n)]"
            guard !capture.key.isSecret else { throw Self.refusal("\(field).key", "names a secret, which a journal never holds") }
            try checkStep(capture.step, "\(field).step")
            try Self.checkText(capture.source, "\(field).source")
            try Self.checkCount(capture.values.count, "\(field).values")
            for (m, value) in capture.values.enumerated() { try Self.checkID(value, "\(field).values[\(m)]") }
        }
        try Self.checkCount(steps.count, "steps")
        for (n, step) in steps.enumerated() {
            try checkStep(step.step, "steps[\(n)].step")
            if let id = step.id, workflow.step(number: step.step)?.id != id {
                throw Self.refusal("steps[\(n)].id", "is not the id of step \(step.step) of \(workflow.id)")
            }
            guard Self.stepStatuses.contains(step.status) else {
                throw Self.refusal("steps[\(n)].status", "is not one of \(Self.stepStatuses.sorted().joined(separator: ", "))")
            }
            guard (0...10_000).contains(step.attempts) else { throw Self.refusal("steps[\(n)].attempts", "is not between 0 and 10000") }
            if let failure = step.failure { try Self.checkText(failure, "steps[\(n)].failure", maximum: Self.maximumFailureLength) }
        }
        try Self.checkCount(created.count, "created")
        if !created.isEmpty, !PingOneID.isUUID(inputs.environmentID) {
            throw Self.refusal("inputs.environmentID", "is not a PingOne ID (a UUID), and the run created resources there")
        }
        for (n, resource) in created.enumerated() {
            try Self.checkID(resource.id, "created[\(n)].id")
            try Self.checkText(resource.name, "created[\(n)].name")
            try checkStep(resource.step.rawValue, "created[\(n)].step")
            if let parent = resource.parentID { try Self.checkID(parent, "created[\(n)].parentID") }
            guard let rule = workflow.teardownRule(for: resource.kind) else {
                throw Self.refusal("created[\(n)].kind", "is not a kind of resource \(workflow.id) creates")
            }
            if rule.needsParent, resource.parentID == nil {
                throw Self.refusal("created[\(n)].parentID", "is missing: a \(resource.kind) needs the ID of its parent")
            }
        }
        if let deleted {
            try Self.checkCount(deleted.count, "deleted")
            for (n, id) in deleted.enumerated() { try Self.checkID(id, "deleted[\(n)]") }
        }
    }

    static func refusal(_ field: String, _ why: String) -> ReadError {
        ReadError(message: "the journal's \(field) \(why)")
    }

    static func check(runID: String) throws(ReadError) {
        guard (1...64).contains(runID.unicodeScalars.count), runID.unicodeScalars.allSatisfy(runIDCharacters.contains) else {
            throw refusal("runID", "is not a run ID (1 to 64 lower-case letters, digits and -, such as 20261125-101500-1a2b)")
        }
    }

    static func checkID(_ value: String, _ field: String) throws(ReadError) {
        guard PingOneID.isUUID(value) else { throw refusal(field, "is not a PingOne ID (a UUID)") }
    }

    static func checkStep(_ value: Int, _ field: String, in workflow: Workflow) throws(ReadError) {
        guard workflow.step(number: value) != nil else {
            throw refusal(field, "is not a step number (0 to \(workflow.lastNumber))")
        }
    }

    static func checkCount(_ count: Int, _ field: String) throws(ReadError) {
        guard count <= maximumCount else { throw refusal(field, "has \(count) entries, more than \(maximumCount)") }
    }

    /// Any text: no control or bidirectional formatting characters, and a sane length.
    static func checkText(_ value: String, _ field: String, maximum: Int = maximumStringLength) throws(ReadError) {
        guard value.unicodeScalars.count <= maximum else {
            throw refusal(field, "is longer than \(maximum) characters")
        }
        if let bad = value.unicodeScalars.first(where: isUnsafe) {
            throw refusal(field, "contains a control character (U+\(String(format: "%04X", bad.value)))")
        }
    }

    /// Control characters (C0, DEL, C1), line and paragraph separators, and bidirectional controls.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || [0x2028, 0x2029, 0x200E, 0x200F, 0x061C].contains(scalar.value)
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}

extension RunInputs {
    /// The checks a journal's inputs must pass: IDs are UUIDs (or empty where a run may not have
    /// had one yet), bases, scopes and the attribute path as the operator's inputs are checked,
    /// and every other text free of control characters. Email and redirect URI forms are not
    /// checked here: a journal saved after an operator's mistyped input must still be cleaned up.
    func validateForJournal(workflow: Workflow) throws(Journal.ReadError) {
        func field(_ name: String, _ problem: String?) throws(Journal.ReadError) {
            if let problem { throw Journal.refusal("inputs.\(name)", "is not valid: \(SafeText.visible(problem))") }
        }
        func optionalID(_ value: String?, _ name: String) throws(Journal.ReadError) {
            guard let value, !value.isEmpty else { return }
            try Journal.checkID(value, "inputs.\(name)")
        }
        try optionalID(environmentID, "environmentID")
        try optionalID(adminEnvironmentID, "adminEnvironmentID")
        try optionalID(workerClientID, "workerClientID")
        for (name, value) in [("apiBase", apiBase), ("authBase", authBase)] {
            guard let value, !value.isEmpty else { continue }
            try Journal.checkText(value, "inputs.\(name)")
            try field(name, InputValidation.problem(name == "apiBase" ? .apiBase : .authBase, value))
        }
        if let endpoints = try? endpoints() {
            for (name, url) in [("apiBase", endpoints.apiBase), ("authBase", endpoints.authBase)]
            where url.standardized.absoluteString != url.absoluteString {
                throw Journal.refusal("inputs.\(name)", "has a . or .. segment in its path")
            }
        }
        try Journal.checkCount(scopes.count, "inputs.scopes")
        for (n, scope) in scopes.enumerated() {
            try Journal.checkText(scope, "inputs.scopes[\(n)]")
            guard !scope.isEmpty, !scope.contains(where: { $0 == " " || $0 == "," }) else {
                throw Journal.refusal("inputs.scopes[\(n)]", "is not one scope name")
            }
            try field("scopes[\(n)]", InputValidation.problem(.scopes, scope))
        }
        try Journal.checkText(attributePath, "inputs.attributePath")
        try field("attributePath", InputValidation.attributePathProblem(attributePath))
        let texts: [(String, String)] = [
            ("appName", appName), ("redirectURI", redirectURI), ("populationName", populationName),
            ("populationDescription", populationDescription), ("username", username), ("email", email),
            ("givenName", givenName), ("familyName", familyName), ("attributeValue", attributeValue),
        ]
        for (name, value) in texts { try Journal.checkText(value, "inputs.\(name)") }
        // A workflow's own inputs: only those its workflow asks for, each passing its check (a
        // value edited into the file could otherwise reach a request or a script line).
        try Journal.checkCount(extras.count, "inputs.ownValues")
        for name in extras.keys.sorted() {
            let value = extras[name] ?? ""
            guard let own = workflow.inputs.first(where: { $0.rawValue == name && $0.own != nil }) else {
                throw Journal.refusal("inputs.ownValues", "names an input '\(SafeText.visible(String(name.prefix(64))))' that \(workflow.id) does not ask for")
            }
            try Journal.checkText(value, "inputs.ownValues.\(name)")
            try field("ownValues.\(name)", InputValidation.problem(own, value))
        }
    }
}
