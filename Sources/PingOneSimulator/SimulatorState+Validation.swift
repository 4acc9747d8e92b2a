import Foundation

/// The checks of create and update bodies, worded the way PingOne words them.
extension SimulatorState {
    func requiredString(_ body: [String: JSON], _ key: String, max: Int, into details: inout [ErrorDetail]) -> String? {
        guard let raw = body[key] else {
            details.append(ErrorDetail(code: "REQUIRED_VALUE", target: key, message: "\(key) is required."))
            return nil
        }
        guard let value = raw.stringValue else {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: key, message: "\(key) must be a string."))
            return nil
        }
        if value.trimmingCharacters(in: .whitespaces).isEmpty {
            details.append(ErrorDetail(code: "EMPTY_VALUE", target: key, message: "\(key) must not be empty."))
            return nil
        }
        if value.count > max {
            details.append(ErrorDetail(code: "SIZE_LIMIT_EXCEEDED", target: key, message: "\(key) must be 1 to \(max) characters.",
                                       innerError: ["rangeMinimumValue": 1, "rangeMaximumValue": .number(Double(max))]))
            return nil
        }
        return value
    }

    func enumValue(_ body: [String: JSON], _ key: String, allowed: [String], required: Bool, into details: inout [ErrorDetail]) -> String? {
        guard let raw = body[key] else {
            if required { details.append(ErrorDetail(code: "REQUIRED_VALUE", target: key, message: "\(key) is required.")) }
            return nil
        }
        guard let value = raw.stringValue, allowed.contains(value) else {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: key, message: "\(key) must be one of \(allowed.joined(separator: ", ")).",
                                       innerError: ["allowedValues": .array(allowed.map { .string($0) })]))
            return nil
        }
        return value
    }

    func stringArray(_ body: [String: JSON], _ key: String, allowed: [String], into details: inout [ErrorDetail]) -> [String] {
        guard let raw = body[key] else { return [] }
        let values = raw.arrayValue?.compactMap(\.stringValue) ?? []
        if raw.arrayValue == nil || values.count != raw.arrayValue?.count || values.contains(where: { !allowed.contains($0) }) {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: key, message: "\(key) must be an array of \(allowed.joined(separator: ", ")).",
                                       innerError: ["allowedValues": .array(allowed.map { .string($0) })]))
            return []
        }
        return values
    }

    func uriArray(_ body: [String: JSON], _ key: String, into details: inout [ErrorDetail]) -> [String] {
        guard let raw = body[key] else { return [] }
        guard let items = raw.arrayValue else {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: key, message: "\(key) must be an array of URIs."))
            return []
        }
        var result: [String] = []
        for item in items {
            guard let value = item.stringValue, let url = URL(string: value), let scheme = url.scheme, !scheme.isEmpty,
                url.host != nil || !["http", "https"].contains(scheme.lowercased())
            else {
                details.append(ErrorDetail(code: "INVALID_VALUE", target: key, message: "'\(item.stringValue ?? "?")' is not an absolute URI."))
                continue
            }
            if value.contains("#") {
                details.append(ErrorDetail(code: "INVALID_VALUE", target: key, message: "'\(value)' must not contain a fragment."))
                continue
            }
            result.append(value)
        }
        return result
    }

    static func looksLikeEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !s.contains(" ")
    }
}
