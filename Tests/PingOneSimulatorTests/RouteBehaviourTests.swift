import Foundation
@testable import PingOneSimulator
import Testing

/// Every path shape the simulator knows, and some it does not, sent with every method by every
/// kind of caller: what each answers (status, error code and message, Location) is written down
/// in `RouteBehaviourTests+Expected.swift`. Recorded before routes became a table, so the table is
/// proven to answer exactly as the hand-written dispatch did, including 401 before 404 of an
/// environment, 404 of a missing resource before 405, and 405 on a known path only.
@Suite struct RouteBehaviourTests {
    static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    static let managementPaths = [
        "/v1/environments/{env}", "/v1/environments/{missing}", "/v1/environments/{missing}/applications",
        "/v1/environments/{env}/applications", "/v1/environments/{env}/applications/{app}",
        "/v1/environments/{env}/applications/{missing}", "/v1/environments/{env}/applications/{app}/secret",
        "/v1/environments/{env}/applications/{missing}/secret", "/v1/environments/{env}/applications/{app}/grants",
        "/v1/environments/{env}/applications/{missing}/grants", "/v1/environments/{env}/applications/{app}/grants/{grant}",
        "/v1/environments/{env}/applications/{app}/grants/{missing}",
        "/v1/environments/{env}/applications/{missing}/grants/{grant}", "/v1/environments/{env}/applications/{app}/other",
        "/v1/environments/{env}/applications/{app}/grants/{grant}/more", "/v1/environments/{env}/resources",
        "/v1/environments/{env}/resources/{resource}", "/v1/environments/{env}/resources/{missing}",
        "/v1/environments/{env}/resources/{resource}/scopes", "/v1/environments/{env}/resources/{missing}/scopes",
        "/v1/environments/{env}/resources/{resource}/scopes/{missing}", "/v1/environments/{env}/populations",
        "/v1/environments/{env}/populations/{population}", "/v1/environments/{env}/populations/{missing}",
        "/v1/environments/{env}/users", "/v1/environments/{env}/users/{user}", "/v1/environments/{env}/users/{missing}",
        "/v1/environments/{env}/users/{user}/password", "/v1/environments/{env}/users/{missing}/password",
        "/v1/environments/{env}/unknown", "/v1/environments", "/v1", "/",
    ]

    /// Spellings of a path: trailing and doubled slashes, percent-encoded literals and IDs, case.
    static let spellingPaths = [
        "/v1/environments/{env}/applications/", "//v1//environments/{env}//applications//{app}//",
        "/v1/environments/{env}/%61pplications/{app}", "/v1/environments/{env}/applications/{app-encoded}",
        "/v1/environments/{env}/applications/a%2Fb", "/v1/environments/{env}/applications/%zz",
        "/v1/%65nvironments/{env}/users/{user}", "/v1/Environments/{env}/applications", "/V1/environments/{env}/applications",
        "/v1/environments/{env}/applications/{app}/secret/", "/{env}/as/token/", "/{env}/as/%74oken",
    ]

    static let authPaths = [
        "/{env}/as/token", "/{missing}/as/token", "/{env}/as/authorize", "/{missing}/as/authorize", "/{env}/as/resume",
        "/{env}/as/other", "/{env}/as", "/{env}/flows/{flow}", "/{env}/flows/{missing}", "/{missing}/flows/{flow}",
        "/{env}/flows", "/{env}/flows/{flow}/more", "/{env}/signon", "/{env}/signon/", "/{missing}/signon", "/{env}",
        "/v1/as/token", "/v1/flows/{flow}",
    ]

    /// One line per caller, path and answer, the methods that get that answer listed first.
    static func lines(_ fixture: RouteBehaviourFixture, caller: RouteBehaviourFixture.Caller, paths: [String], methods: [String]) -> [String] {
        var lines: [String] = []
        for path in paths {
            var answers: [(methods: [String], summary: String)] = []
            for method in methods {
                let summary = fixture.summary(fixture.probe(method, path, as: caller))
                    .replacingOccurrences(of: "method \(method) ", with: "method {method} ")
                if let index = answers.firstIndex(where: { $0.summary == summary }) {
                    answers[index].methods.append(method)
                } else {
                    answers.append(([method], summary))
                }
            }
            for answer in answers {
                lines.append("\(caller.rawValue) \(answer.methods.joined(separator: ",")) \(path): \(answer.summary)")
            }
        }
        return lines
    }

    static func compare(_ actual: [String], _ expected: String, name: String) {
        if let directory = ProcessInfo.processInfo.environment["ROUTE_MATRIX_OUT"] {
            try? actual.joined(separator: "\n").write(toFile: "\(directory)/\(name).txt", atomically: true, encoding: .utf8)
        }
        let expectedLines = expected.split(separator: "\n").map(String.init)
        #expect(actual.count == expectedLines.count)
        for (index, line) in actual.enumerated() {
            #expect(line == (index < expectedLines.count ? expectedLines[index] : "<none>"))
        }
    }

    @Test func aWorkerWithRolesGetsTheseAnswers() async throws {
        let fixture = try await RouteBehaviourFixture()
        let actual = Self.lines(fixture, caller: .worker, paths: Self.managementPaths + Self.spellingPaths + Self.authPaths, methods: Self.methods)
        Self.compare(actual, Self.expectedWorker, name: "worker")
    }

    @Test func anAnonymousCallerGetsTheseAnswers() async throws {
        let fixture = try await RouteBehaviourFixture()
        let actual = Self.lines(fixture, caller: .anonymous, paths: Self.managementPaths + Self.spellingPaths + Self.authPaths, methods: ["GET", "DELETE"])
        Self.compare(actual, Self.expectedAnonymous, name: "anonymous")
    }

    @Test func aUserTokenGetsTheseAnswers() async throws {
        let fixture = try await RouteBehaviourFixture()
        let actual = Self.lines(fixture, caller: .user, paths: Self.managementPaths, methods: Self.methods)
        Self.compare(actual, Self.expectedUser, name: "user")
    }

    @Test func aWorkerWithoutRolesGetsTheseAnswers() async throws {
        let fixture = try await RouteBehaviourFixture(workerHasRoles: false)
        let actual = Self.lines(fixture, caller: .worker, paths: Self.managementPaths, methods: ["GET", "POST"])
        Self.compare(actual, Self.expectedNoRoles, name: "noroles")
    }

    /// The exact bytes of every answer (status, headers, body), for a before/after diff by hand:
    /// `ROUTE_MATRIX_OUT=dir swift test --filter RouteBehaviourTests` writes `dir/bytes.txt`.
    @Test func everyAnswerCanBeDumpedByteForByte() async throws {
        let fixture = try await RouteBehaviourFixture()
        guard let directory = ProcessInfo.processInfo.environment["ROUTE_MATRIX_OUT"] else { return }
        var text = ""
        for caller in RouteBehaviourFixture.Caller.allCases {
            for path in Self.managementPaths + Self.spellingPaths + Self.authPaths {
                for method in Self.methods {
                    let response = fixture.probe(method, path, as: caller)
                    text += "\(caller) \(method) \(path) \(response.status) \(response.headers.map { "\($0.0)=\($0.1)" })\n"
                    text += String(decoding: response.body, as: UTF8.self) + "\n"
                }
            }
        }
        try text.write(toFile: "\(directory)/bytes.txt", atomically: true, encoding: .utf8)
    }
}
