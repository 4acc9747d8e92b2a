import Foundation

/// The `Retry-After` header (RFC 9110 §10.2.3): a number of seconds or an HTTP date.
public enum RetryAfter {
    /// How long to wait, relative to `now`: whole seconds as given, or the time until the date
    /// (zero if the date has passed). `nil` if the value is neither.
    public static func parse(_ value: String, now: Date) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            // Very long digit strings saturate rather than fail.
            return .seconds(Int64(trimmed) ?? Int64.max)
        }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        let interval = date.timeIntervalSince(now)
        return interval > 0 ? .seconds(interval.rounded(.up)) : .zero
    }
}

extension HTTPResponse {
    /// The response's `Retry-After`, relative to `now`, if present and readable.
    public func retryAfter(now: Date) -> Duration? {
        headers["Retry-After"].flatMap { RetryAfter.parse($0, now: now) }
    }
}
