@testable import PingOneSimulator
import Testing

/// The route table's matching, with plain strings for handlers and guards.
@Suite struct RouteTableTests {
    typealias Table = RouteTable<String, String>

    /// "handler name param=value…", "405 [allowed]" or "404", after the guards that would run.
    static func answer(_ table: Table, _ method: String, _ path: String) -> String {
        let match = table.match(method: method, path: path.split(separator: "/").map(String.init))
        let guards = match.guards.map(\.check)
        let outcome: String
        switch match.outcome {
        case .found(let handler, let parameters):
            outcome = ([handler] + ["x", "y", "id", "envID"].compactMap { name in parameters[name].map { "\(name)=\($0)" } })
                .joined(separator: " ")
        case .methodNotAllowed(let allowed, _): outcome = "405 \(allowed)"
        case .notFound: outcome = "404"
        }
        return guards.isEmpty ? outcome : "\(guards) \(outcome)"
    }

    @Test func aLiteralSegmentBeatsAParameterWhateverTheOrderOfRegistration() {
        let table = Table([.on("GET", "/a/{x}", "param"), .on("GET", "/a/b", "literal")])
        #expect(Self.answer(table, "GET", "/a/b") == "literal")
        #expect(Self.answer(table, "GET", "/a/c") == "param x=c")
    }

    @Test func theFirstSegmentThatDiffersInKindDecides() {
        let table = Table([.on("GET", "/{y}/b/c", "late literal"), .on("GET", "/a/{x}/c", "early literal")])
        #expect(Self.answer(table, "GET", "/a/b/c") == "early literal x=b")
        #expect(Self.answer(table, "GET", "/z/b/c") == "late literal y=z")
    }

    @Test func theMostSpecificPatternOwnsThePathSoItsMissingMethodIs405() {
        let table = Table([.on("GET", "/a/{x}", "get any"), .on("POST", "/a/b", "post b")])
        #expect(Self.answer(table, "GET", "/a/b") == "405 [\"POST\"]")
        #expect(Self.answer(table, "GET", "/a/c") == "get any x=c")
    }

    @Test func aPathOfAnotherSegmentCountIsNotFound() {
        let table = Table([.on("GET", "/a/{x}", "one")])
        #expect(Self.answer(table, "GET", "/a") == "404")
        #expect(Self.answer(table, "GET", "/a/b/c") == "404")
        #expect(Self.answer(table, "GET", "/") == "404")
    }

    @Test func slashesAreSeparatorsOnly() {
        #expect(RoutePattern("/a/{x}/") == RoutePattern("a//{x}"))
        #expect(RoutePattern("/a/{x}/b").description == "/a/{x}/b")
        // `{}` and a lone brace are literals, not parameters.
        #expect(RoutePattern("/{}/{x").segments == [.literal("{}"), .literal("{x")])
    }

    @Test func literalsCompareExactly() {
        let table = Table([.on("GET", "/v1/environments", "list")])
        #expect(Self.answer(table, "GET", "/v1/environments") == "list")
        #expect(Self.answer(table, "GET", "/v1/Environments") == "404")
        #expect(Self.answer(table, "GET", "/V1/environments") == "404")
    }

    @Test func aParameterTakesTheDecodedSegmentWholeEvenWithASlashInIt() {
        // The simulator splits on `/` before decoding, so `a%2Fb` arrives as the segment "a/b".
        let table = Table([.on("GET", "/items/{id}", "item")])
        let match = table.match(method: "GET", path: ["items", "a/b"])
        guard case .found(_, let parameters) = match.outcome else {
            Issue.record("no match")
            return
        }
        #expect(parameters["id"] == "a/b")
    }

    @Test func theAnyMethodRouteAnswersTheMethodsThePatternDoesNotRoute() {
        let table = Table([.on("GET", "/t", "get"), .anyMethod("/t", "other"), .on("POST", "/t", "post")])
        #expect(Self.answer(table, "GET", "/t") == "get")
        #expect(Self.answer(table, "POST", "/t") == "post")
        #expect(Self.answer(table, "DELETE", "/t") == "other")
    }

    @Test func aLaterRouteForTheSameMethodAndPatternReplacesTheEarlier() {
        let table = Table([.on("GET", "/t", "first"), .on("GET", "/t/", "second")])
        #expect(Self.answer(table, "GET", "/t") == "second")
        #expect(Self.answer(table, "PUT", "/t") == "405 [\"GET\"]")
    }

    @Test func aSubtreeGuardRunsOnEveryPathUnderItKnownOrNot() {
        let table = Table([
            .subtree("/v1/environments/{envID}", "auth"),
            .on("GET", "/v1/environments/{envID}", "environment"),
            .on("GET", "/v1/environments/{envID}/users", "users"),
        ])
        #expect(Self.answer(table, "GET", "/v1/environments/e") == "[\"auth\"] environment envID=e")
        #expect(Self.answer(table, "PUT", "/v1/environments/e/users") == "[\"auth\"] 405 [\"GET\"]")
        #expect(Self.answer(table, "GET", "/v1/environments/e/nothing/here") == "[\"auth\"] 404")
        #expect(Self.answer(table, "GET", "/v1/environments") == "404")
    }

    @Test func aPathGuardRunsBeforeThe405OfItsPathAndAfterSubtreeGuards() {
        let table = Table([
            .path("/v1/environments/{envID}/users/{id}", "lookup"),
            .subtree("/v1/environments/{envID}", "auth"),
            .on("GET", "/v1/environments/{envID}/users/{id}", "user"),
            .on("GET", "/v1/environments/{envID}/users/{id}/password", "password"),
        ])
        #expect(Self.answer(table, "GET", "/v1/environments/e/users/u") == "[\"auth\", \"lookup\"] user id=u envID=e")
        #expect(Self.answer(table, "DELETE", "/v1/environments/e/users/u") == "[\"auth\", \"lookup\"] 405 [\"GET\"]")
        #expect(Self.answer(table, "GET", "/v1/environments/e/users/u/password") == "[\"auth\"] password id=u envID=e")
        #expect(Self.answer(table, "GET", "/v1/environments/e/users/u/other") == "[\"auth\"] 404")
    }

    @Test func parametersConvertThroughTheTypedAccessor() throws {
        let table = Table([.on("GET", "/pages/{id}", "page")])
        guard case .found(_, let parameters) = table.match(method: "GET", path: ["pages", "42"]).outcome,
            case .found(_, let bad) = table.match(method: "GET", path: ["pages", "x"]).outcome
        else {
            Issue.record("no match")
            return
        }
        #expect(try parameters.require("id", as: Int.self) == 42)
        #expect(try parameters.require("id") == "42")
        #expect(throws: RouteParameterError.missing("other")) { try parameters.require("other") }
        #expect(throws: RouteParameterError.invalid("id", "x")) { try bad.require("id", as: Int.self) }
    }
}
