/// The body of a PingOne management or flow API error:
/// `{"id", "code", "message", "details": [{"code", "target", "message", "innerError"}]}`.
public struct APIErrorBody: Sendable, Hashable, Decodable {
    /// The error's identifier in PingOne's logs (quote it to Ping support).
    public var id: String?
    /// The general code, such as `INVALID_DATA`, `ACCESS_FAILED`, `NOT_FOUND`.
    public var code: String
    /// A short English description.
    public var message: String
    /// Field-level details.
    public var details: [Detail]

    /// One detail of an error.
    public struct Detail: Sendable, Hashable, Decodable {
        /// The detail code, such as `INVALID_VALUE`, `UNIQUENESS_VIOLATION`, `INVALID_TOKEN`.
        public var code: String
        /// The field the detail is about, such as `username`.
        public var target: String?
        /// A short English description.
        public var message: String
        /// Extra facts, such as `rangeMinimumValue`, `allowedPattern` or a password policy's rules.
        public var innerError: [String: JSONValue]?

        /// A detail with the given fields.
        public init(code: String, target: String? = nil, message: String, innerError: [String: JSONValue]? = nil) {
            self.code = code
            self.target = target
            self.message = message
            self.innerError = innerError
        }

        private enum CodingKeys: String, CodingKey {
            case code, target, message, innerError
        }

        /// Decodes a detail; missing strings become empty rather than failing the whole error.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            code = (try? container.decodeIfPresent(String.self, forKey: .code)) ?? ""
            target = try? container.decodeIfPresent(String.self, forKey: .target)
            message = (try? container.decodeIfPresent(String.self, forKey: .message)) ?? ""
            innerError = try? container.decodeIfPresent([String: JSONValue].self, forKey: .innerError)
        }
    }

    /// An error body with the given fields.
    public init(id: String? = nil, code: String, message: String, details: [Detail] = []) {
        self.id = id
        self.code = code
        self.message = message
        self.details = details
    }

    private enum CodingKeys: String, CodingKey {
        case id, code, message, details
    }

    /// Decodes an error body; `code` is required, everything else is lenient.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try? container.decodeIfPresent(String.self, forKey: .id)
        code = try container.decode(String.self, forKey: .code)
        message = (try? container.decodeIfPresent(String.self, forKey: .message)) ?? ""
        details = (try? container.decodeIfPresent([Detail].self, forKey: .details)) ?? []
    }

    /// The first detail with `code`, if any.
    public func detail(code: String) -> Detail? {
        details.first { $0.code == code }
    }
}
