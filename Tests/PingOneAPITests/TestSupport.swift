import Foundation
import PingOneAPI
import Testing

let envID = "11111111-2222-4333-8444-555555555555"
let appID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
let builder = RequestBuilder(endpoints: Endpoints(region: .na))

/// A response with a UTF-8 body.
func response(_ status: Int, _ body: String = "", headers: [(String, String)] = []) -> HTTPResponse {
    HTTPResponse(status: status, headers: HTTPHeaders(headers), body: Data(body.utf8))
}

/// The error a throwing decode produced, or nil if it succeeded. (Closures infer `any Error`,
/// so the typed error is recovered by a cast; any other error is recorded as an issue.)
func failure<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> PingOneError? {
    do {
        _ = try body()
        return nil
    } catch let error as PingOneError {
        return error
    } catch {
        Issue.record("not a PingOneError: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Headers as "Name: value" lines, in order.
func lines(_ headers: HTTPHeaders) -> [String] {
    headers.fields.map { "\($0.name): \($0.value)" }
}

/// A body as text.
func text(_ body: Data?) -> String? {
    body.map { String(decoding: $0, as: UTF8.self) }
}

/// A fixed instant for time-dependent rules.
let now = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14T22:13:20Z
