import Foundation
import PingOneAPI
import TUIKit
import WizardCore

/// The detail pane: what the selected step is about to send, what came back and what was
/// captured, why it failed and what to do, or the summary of a finished run.
enum StepDetail {
    /// The most body bytes the pane shows (the inspector shows all of it).
    static let bodyExcerptBytes = 4096
    /// The most body lines the pane shows.
    static let bodyExcerptLines = 40

    static func title(_ ui: WizardUI, run: RunState) -> String {
        if let step = ui.selectedStep ?? run.phase.step { return "Step \(step.rawValue) · \(step.definition.title)" }
        switch run.phase {
        case .finished: return "Run finished"
        case .cancelled: return "Run stopped"
        default: return "Run"
        }
    }

    static func text(_ ui: WizardUI, run: RunState, now: Date) -> StyledText {
        var text = StyledText()
        guard let step = ui.selectedStep ?? run.phase.step else {
            switch run.phase {
            case .finished: finished(run, context: ui.context, into: &text)
            case .cancelled: text.append("The run was stopped. What it created is in the journal.", .warning)
            default: text.append("Starting…", .hint)
            }
            return text
        }
        let record = run.record(of: step)
        if run.phase.step == step {
            switch run.phase {
            case .awaitingOperator:
                text.append(StyledLine([StyledSpan("Ready to send. ", .statusRunning),
                                        StyledSpan("Enter sends it · E edits the body · c runs on · i inspects", .hint)]))
                text.append(.blank)
                preview(step, run: run, now: now, into: &text)
                return text
            case .inFlight:
                text.append("On the wire…", .statusRunning)
                text.append(.blank)
                preview(step, run: run, now: now, into: &text)
                return text
            case .waitingToRetry(_, let until):
                let seconds = max(0, until.timeIntervalSince(now))
                text.append(String(format: "Waiting %.1f s before retrying automatically.", seconds), .statusRunning)
                if let notice = run.notices.last { text.append(notice, .hint) }
                if let last = record.exchanges.last { text.append(.blank); exchange(last, run: run, into: &text) }
                return text
            default:
                break
            }
        }
        switch run.status(of: step) {
        case .failed(let failure):
            failed(failure, step: step, run: run, into: &text)
        case .succeeded:
            succeeded(step, run: run, into: &text)
        case .skipped:
            text.append("Skipped.", .statusSkipped)
            if let last = record.exchanges.last { text.append(.blank); exchange(last, run: run, into: &text) }
        case .running:
            text.append("On the wire…", .statusRunning)
        case .pending:
            pending(step, run: run, into: &text)
        }
        return text
    }

    // MARK: - Pieces

    static func preview(_ step: Step, run: RunState, now: Date, into text: inout StyledText) {
        switch run.preview(of: step, now: now) {
        case .success(let request):
            self.request(request, into: &text)
        case .failure(let failure):
            text.append("The request cannot be built yet:", .error)
            text.append("  " + failure.summary, .error)
            text.append(StyledLine("What to do: " + failure.advice, hangingIndent: 2))
        }
    }

    static func request(_ request: RecordedRequest, into text: inout StyledText) {
        let marks = request.usedCaptures.filter { !$0.key.isSecret }.map { (text: $0.display, role: StyleRole.captured) }
            + [(text: Secret.mask, role: StyleRole.secret)]
        text.append(StyledLine([StyledSpan(request.method + " ", .title)] + StyledLine.marking(request.url, marks).spans, hangingIndent: 4))
        for header in request.headers {
            text.append(StyledLine([StyledSpan(header.name + ": ", .label)] + StyledLine.marking(header.value, marks).spans, hangingIndent: 4))
        }
        if let body = request.body, !body.isEmpty {
            text.append(.blank)
            excerpt(body, marks: marks, into: &text)
        }
        if !request.usedCaptures.isEmpty {
            text.append(.blank)
            text.append("From earlier steps:", .label)
            for used in request.usedCaptures {
                text.append(StyledLine([
                    StyledSpan("  \(used.key.label) ", .normal),
                    StyledSpan(used.display, used.key.isSecret ? .secret : .captured),
                    StyledSpan("  ← from step \(used.fromStep)", .hint),
                ], hangingIndent: 4))
            }
        }
    }

    /// The first lines of a body, with a note when it goes on.
    static func excerpt(_ body: String, marks: [(text: String, role: StyleRole)], into text: inout StyledText) {
        let utf8 = body.utf8
        let cut = utf8.count > bodyExcerptBytes
        let head = cut ? String(decoding: utf8.prefix(bodyExcerptBytes), as: UTF8.self) : body
        let lines = head.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines.prefix(bodyExcerptLines) {
            text.append(StyledLine.marking(String(line), marks, hangingIndent: 4))
        }
        if cut || lines.count > bodyExcerptLines {
            text.append("… (\(utf8.count) bytes in all: i shows the whole body)", .hint)
        }
    }

    static func exchange(_ exchange: ExchangeRecord, run: RunState, into text: inout StyledText) {
        guard let response = exchange.response else {
            text.append("No response: \(exchange.error ?? "the connection ended")", .error)
            return
        }
        let ok = (200..<400).contains(response.status)
        text.append(StyledLine([
            StyledSpan("HTTP \(response.status)", ok ? .statusOK : .statusFailed),
            StyledSpan(String(format: " · %.1f ms · attempt %d", exchange.durationMilliseconds, exchange.attempt), .hint),
        ]))
        if let location = response.headers.first(where: { $0.name.lowercased() == "location" })?.value {
            text.append(StyledLine([StyledSpan("Location: ", .label), StyledSpan(location)], hangingIndent: 4))
            if let items = URLComponents(string: location)?.queryItems {
                for item in items where item.name == "flowId" || item.name == "code" {
                    text.append(StyledLine([StyledSpan("  \(item.name) = ", .label), StyledSpan(item.value ?? "", .highlight),
                                            StyledSpan("  (not followed; read from Location)", .hint)]))
                }
            }
        }
        if !response.body.isEmpty {
            text.append(.blank)
            excerpt(response.body, marks: [(text: Secret.mask, role: .secret)], into: &text)
        }
    }

    static func captures(of step: Step, run: RunState, into text: inout StyledText) {
        let captured = run.captures.values.filter { $0.step == step }.sorted { $0.key < $1.key }
        guard !captured.isEmpty else { return }
        text.append("Captured:", .label)
        for capture in captured {
            text.append(StyledLine([
                StyledSpan("  \(capture.key.label) = ", .normal),
                StyledSpan(capture.value.display, capture.key.isSecret ? .secret : .captured),
                StyledSpan("  (from \(capture.source))", .hint),
            ], hangingIndent: 4))
        }
    }

    static func succeeded(_ step: Step, run: RunState, into text: inout StyledText) {
        let record = run.record(of: step)
        text.append(StyledLine([StyledSpan("Done", .statusOK),
                                StyledSpan(record.exchanges.count > 1 ? " · \(record.exchanges.count) exchanges" : "", .hint)]))
        captures(of: step, run: run, into: &text)
        if let created = run.createdResources.last(where: { $0.step == step }) {
            text.append(StyledLine([StyledSpan(created.adopted ? "Adopted (it already existed): " : "Created: ", .label),
                                    StyledSpan("\(created.kind.rawValue) \(created.name) \(created.id)")], hangingIndent: 4))
        }
        if let last = record.exchanges.last {
            text.append(.blank)
            exchange(last, run: run, into: &text)
        }
    }

    static func failed(_ failure: StepFailure, step: Step, run: RunState, into text: inout StyledText) {
        text.append(StyledLine([StyledSpan("Failed", .statusFailed), StyledSpan(" (attempt \(run.record(of: step).attempts))", .hint)]))
        text.append(.blank)
        // Only an answer from the server is "what PingOne said"; an input, the journal or the
        // network is "what happened".
        let fromServer: Bool = if case .pingOne(.transport) = failure.cause { false } else if case .pingOne = failure.cause { true } else { false }
        text.append(fromServer ? "What PingOne said:" : "What happened:", .label)
        text.append(StyledLine("  " + run.redactor.scrub(failure.summary), .error, hangingIndent: 4))
        text.append("What to do:", .label)
        text.append(StyledLine("  " + failure.advice, .normal, hangingIndent: 4))
        if !failure.suspectInputs.isEmpty {
            text.append("Inputs to check:", .label)
            for field in failure.suspectInputs {
                let value = field.isSecret ? Secret.mask : WizardForms.value(of: field, in: run.inputs)
                text.append(StyledLine([StyledSpan("  \(field.label) = ", .normal),
                                        StyledSpan(value.isEmpty ? "(empty)" : value, field.isSecret ? .secret : .input)], hangingIndent: 4))
            }
        }
        var keys = [String]()
        if let first = failure.suspectInputs.first { keys.append("e edit \(first.label)") }
        keys.append("r retry as is")
        if step.definition.skippable { keys.append("s skip") }
        keys.append("i inspect")
        keys.append("q quit")
        text.append(.blank)
        text.append(keys.joined(separator: " · "), .warning)
        if let last = run.record(of: step).exchanges.last {
            text.append(.blank)
            text.append("Last answer:", .label)
            exchange(last, run: run, into: &text)
        }
    }

    static func pending(_ step: Step, run: RunState, into text: inout StyledText) {
        text.append("Not sent yet.", .statusPending)
        text.append(StyledLine("\(step.definition.method.rawValue) \(step.definition.pathTemplate)", .hint, hangingIndent: 4))
        let needs = step.definition.needsCaptures.sorted()
        if !needs.isEmpty {
            text.append(.blank)
            text.append("Needs, from earlier steps:", .label)
            for key in needs {
                let producer = step.workflow.producer(of: key)
                let have = run.captures[key] != nil
                text.append(StyledLine([
                    StyledSpan("  \(key.label)", .normal),
                    StyledSpan(producer.map { " (step \($0.rawValue))" } ?? "", .hint),
                    StyledSpan(have ? "  captured" : "  not yet", have ? .statusOK : .statusPending),
                ]))
            }
        }
        if step.definition.creates != nil {
            text.append(.blank)
            text.append("It creates a \(step.definition.creates?.rawValue ?? "resource") on the server.", .hint)
        }
    }

    static func finished(_ run: RunState, context: WizardContext, into text: inout StyledText) {
        let summary = RunSummary(state: run, now: Date(timeIntervalSince1970: 0))
        text.append("All \(run.steps.count) steps are done.", .statusOK)
        text.append(.blank)
        if let update = summary.update {
            text.append(StyledLine([
                StyledSpan("Attribute updated: ", .label),
                StyledSpan("\(update.attribute) = \(update.value)", .highlight),
                StyledSpan(update.verified ? "  (the user's own token changed it; the answer confirms it)" : "", .hint),
            ], hangingIndent: 4))
        }
        for step in run.steps where run.status(of: step) == .skipped {
            text.append("Step \(step.description) was skipped.", .warning)
        }
        let present = run.createdResources.filter { !run.deletedResourceIDs.contains($0.id) }
        if present.count < run.createdResources.count {
            text.append(.blank)
            text.append("Deleted by clean-up: \(run.createdResources.count - present.count) resource(s).", .label)
        }
        if !present.isEmpty {
            text.append(.blank)
            text.append("On the server now:", .label)
            for resource in present {
                text.append(StyledLine([
                    StyledSpan("  \(resource.kind.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) ", .normal),
                    StyledSpan(resource.name + " ", .normal), StyledSpan(resource.id, .captured),
                    StyledSpan(resource.adopted ? " (adopted)" : "", .hint),
                ], hangingIndent: 4))
            }
        }
        if let journal = context.journalPath {
            text.append(.blank)
            text.append(StyledLine([StyledSpan("Journal: ", .label), StyledSpan(journal)], hangingIndent: 4))
            if run.hasCreatedResources {
                text.append(StyledLine("D deletes what the run created (or later: \(run.inputs.cleanupCommand(journal: journal)))", .hint, hangingIndent: 4))
            }
        }
        if let transcript = context.transcriptPath {
            text.append(StyledLine([StyledSpan("Transcript: ", .label), StyledSpan(transcript)], hangingIndent: 4))
        }
        text.append(.blank)
        text.append("i inspects any step · q quits", .hint)
    }
}
