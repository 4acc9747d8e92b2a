import Foundation

/// PingOne identifiers (environments, applications, users…), which are UUIDs.
public enum PingOneID {
    /// `value` without surrounding whitespace if it is a canonical UUID (8-4-4-4-12 hex digits,
    /// either case); otherwise an ``InputError`` naming `field`.
    @discardableResult
    public static func validate(_ value: String, field: String) throws(InputError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw InputError(
                field: field, message: "\(field) is empty; enter a UUID such as 3f1c0a52-7d2e-4b8a-9c61-0e5d4f2a9b17")
        }
        guard isUUID(trimmed) else {
            let shown = SafeText.visible(String(trimmed.prefix(60)))
            throw InputError(
                field: field,
                message: "\(field) \"\(shown)\" is not a PingOne ID; expected a UUID of 32 hex digits in the form "
                    + "8-4-4-4-12, such as 3f1c0a52-7d2e-4b8a-9c61-0e5d4f2a9b17")
        }
        return trimmed
    }

    /// Whether `value` is exactly a canonical UUID.
    public static func isUUID(_ value: String) -> Bool {
        let groups = value.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.unicodeScalars.allSatisfy { $0.isASCII && Character($0).isHexDigit } }
    }
}
