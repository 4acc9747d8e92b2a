import Foundation
import PingOneAPI
import PingOneSimulator
import Synchronization
import EngineTestSupport
import Testing
@testable import WizardCore

/// A simulator whose resource lists are replaced by pages that never end: each page names a
/// `_links.next` chosen by `next` (the page's own URL and how many pages were served so far).
final class EndlessPages: HTTPTransport {
    let inner: SimulatorTransport
    let next: @Sendable (URL, Int) -> String
    let served = Mutex(0)

    init(inner: SimulatorTransport, next: @escaping @Sendable (URL, Int) -> String) {
        self.inner = inner
        self.next = next
    }

    func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        guard request.method == .get, request.url.path.hasSuffix("/resources") else {
            return try await inner.send(request, timeout: timeout)
        }
        let count = served.withLock { value in
            value += 1
            return value
        }
        let body = #"{"_links":{"next":{"href":"\#(next(request.url, count))"}},"_embedded":{"resources":[{"id":"44444444-4444-4444-8444-4444444444\#(String(format: "%02d", count % 100))","name":"Other \#(count)","type":"CUSTOM"}]},"count":1,"size":1}"#
        return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/json")]), body: Data(body.utf8))
    }
}

@Suite("Lists whose pages never end", .timeLimit(.minutes(3)))
struct PagingTests {
    func run(_ transport: EndlessPages) async -> RunState {
        let runtime = WizardRuntime(state: RunState(inputs: inputs(), secrets: secrets(), mode: .runOn), transport: transport)
        return await runtime.runToEnd()
    }

    @Test("a next link back to a page already read stops the step, naming the URL")
    func repeatedPage() async throws {
        let fixture = SimulatorFixture()
        let transport = EndlessPages(inner: SimulatorTransport(simulator: fixture.simulator)) { url, count in
            // Page 1 points at page 2; page 2 points back at page 1.
            count == 1 ? url.absoluteString + "?cursor=2" : url.absoluteString.replacingOccurrences(of: "?cursor=2", with: "")
        }
        let final = await run(transport)
        #expect(final.phase == .stopped(.findPingOneAPIResource))
        let failure = try #require(final.status(of: .findPingOneAPIResource).failure)
        #expect(failure.summary.contains("already read"))
        #expect(failure.summary.contains("/environments/\(envID)/resources"))
        #expect(failure.exitCode == 3)
        #expect(transport.served.withLock { $0 } == 2, "two pages were read, then the loop was seen")
        #expect(final.record(of: .findPingOneAPIResource).exchanges.count == 2)
    }

    @Test("a list whose next page is always new stops at the cap of 100 pages")
    func pageCap() async throws {
        let fixture = SimulatorFixture()
        let transport = EndlessPages(inner: SimulatorTransport(simulator: fixture.simulator)) { url, count in
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
            components?.queryItems = [URLQueryItem(name: "cursor", value: String(count + 1))]
            return components?.string ?? ""
        }
        let final = await run(transport)
        #expect(final.phase == .stopped(.findPingOneAPIResource))
        let failure = try #require(final.status(of: .findPingOneAPIResource).failure)
        #expect(failure.summary.contains("after 100 pages"))
        #expect(failure.summary.contains("cursor=101"))
        #expect(transport.served.withLock { $0 } == 100)
    }

    @Test("a retried page is not mistaken for a loop; a new list walk starts afresh")
    func retriedPageIsNoLoop() async throws {
        // The simulator's own paging (two items a page) with a 503 on the second page: the same
        // URL is sent twice, and the step still succeeds.
        let fixture = SimulatorFixture(faults: [try Fault.parse("GET /resources: 503 once after=1")])
        var settings = EngineSettings()
        settings.retry.baseBackoff = .milliseconds(1)
        let runtime = WizardRuntime(state: RunState(inputs: inputs(), secrets: secrets(), mode: .runOn, settings: settings),
                                    transport: SimulatorTransport(simulator: fixture.simulator))
        let final = await runtime.runToEnd()
        #expect(final.phase == .finished)
        #expect(final.record(of: .findPingOneAPIResource).exchanges.count >= 3)
    }
}
