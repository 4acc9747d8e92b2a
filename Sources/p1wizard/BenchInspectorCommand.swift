import ArgumentParser
import Foundation
import PingOneAPI
import TUIKit
import WizardCore
import WizardTUI

/// `p1wizard bench-inspector` (hidden): opens the inspector on a large JSON response in
/// process and times the first paint and each scrolling key, for `scripts/bench-tui.sh`.
struct BenchInspectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-inspector", abstract: "Time the inspector on a large JSON response (benchmark).", shouldDisplay: false)

    @Option(help: "Size of the response body in megabytes.")
    var megabytes: Double = 20

    @Option(help: "Terminal columns.")
    var width: Int = 120

    @Option(help: "Terminal rows.")
    var height: Int = 40

    @Option(help: "How many first paints to time (the median is printed).")
    var repeats: Int = 5

    /// The step whose answer is measured: the default workflow's list of resources.
    static let listStep = Workflows.default.steps.first { $0.definition.pathTemplate.hasSuffix("/resources") }
        ?? Workflows.default.firstStep

    func run() throws {
        let clock = ContinuousClock()
        let raw = Self.body(megabytes: megabytes)
        var start = clock.now
        let pretty = Redactor(secrets: []).body(raw, contentType: "application/json")
        let recordTime = clock.now - start
        let exchange = ExchangeRecord(
            step: Self.listStep, attempt: 1, purpose: .step,
            request: RecordedRequest(method: "GET", url: "https://api.pingone.com/v1/environments/e/resources",
                                     headers: [RecordedHeader(name: "Authorization", value: "Bearer \(Secret.mask)")], body: nil,
                                     usedCaptures: []),
            response: RecordedResponse(status: 200, headers: [RecordedHeader(name: "Content-Type", value: "application/json")],
                                       body: pretty, truncatedBytes: 0, bodyBytes: raw.count),
            error: nil, startedAt: Date(), durationMilliseconds: 80)
        let size = Size(width: width, height: height)
        var firstPaints: [Duration] = []
        var inspector: InspectorState?
        for _ in 0..<max(1, repeats) {
            start = clock.now
            let opened = InspectorState(step: Self.listStep, exchange: exchange, inputs: RunInputs(), viewport: size)
            var buffer = ScreenBuffer(size: size)
            opened.render(into: &buffer, in: buffer.bounds)
            firstPaints.append(clock.now - start)
            inspector = opened
        }
        guard var inspector else { return }
        var keys: [Key] = Array(repeating: .character("j"), count: 100) + Array(repeating: .pageDown, count: 100)
            + [.character("G"), .character("g")] + Array(repeating: .ctrl("d"), count: 50) + Array(repeating: .character("k"), count: 50)
            + Array(repeating: .character("l"), count: 10) + Array(repeating: .character("h"), count: 10)
        keys += [.character("G")] + Array(repeating: .pageUp, count: 50)
        var perKey: [Duration] = []
        for key in keys {
            start = clock.now
            _ = inspector.handle(key, viewport: size)
            var buffer = ScreenBuffer(size: size)
            inspector.render(into: &buffer, in: buffer.bounds)
            perKey.append(clock.now - start)
        }
        start = clock.now
        for key in [Key.character("/")] + "padding item 7".map(Key.character) + [.enter] {
            _ = inspector.handle(key, viewport: size)
        }
        var buffer = ScreenBuffer(size: size)
        inspector.render(into: &buffer, in: buffer.bounds)
        let searchTime = clock.now - start
        func ms(_ duration: Duration) -> String { String(format: "%.2f ms", duration.seconds * 1000) }
        let sortedPaints = firstPaints.sorted()
        let sortedKeys = perKey.sorted()
        let mean = perKey.reduce(Duration.zero, +) / perKey.count
        let p95 = sortedKeys[min(sortedKeys.count - 1, sortedKeys.count * 95 / 100)]
        print(String(format: "inspector: %.1f MB JSON body (%d lines pretty-printed), %dx%d terminal",
                     Double(raw.count) / 1_048_576, inspector.view.document.lineCount, width, height))
        print("  engine, recording the response (mask and pretty-print; once, when it arrives): \(ms(recordTime))")
        print("  first paint (open + render), median of \(firstPaints.count): \(ms(sortedPaints[sortedPaints.count / 2]))  (min \(ms(sortedPaints[0])))")
        print("  per key (handle + render), \(perKey.count) keys: mean \(ms(mean)), p95 \(ms(p95)), max \(ms(sortedKeys[sortedKeys.count - 1]))")
        print("  search to the end of the body and render: \(ms(searchTime))")
    }

    /// A JSON list response of about `megabytes` MB, shaped like PingOne's.
    static func body(megabytes: Double) -> Data {
        let target = Int(megabytes * 1_048_576)
        var text = #"{"_embedded":{"resources":["#
        var index = 0
        while text.utf8.count < target {
            if index > 0 { text += "," }
            text += #"{"id":"\#(String(format: "%08x", index))-0000-4000-8000-000000000000","name":"padding item \#(index)","# +
                #""description":"Large response injected by the benchmark","type":"CUSTOM","audience":"https://api.example.com","createdAt":"2026-11-25T10:00:00.000Z"}"#
            index += 1
        }
        text += #"]},"count":\#(index),"size":\#(index)}"#
        return Data(text.utf8)
    }
}
