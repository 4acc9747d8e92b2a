import Foundation
import PingOneAPI
import TUIKit
import WizardCore

/// The inspector: one exchange of one step (or the request about to be sent), scrollable and
/// searchable. Holds its document, so a large body is prepared once, not per frame.
public struct InspectorState: Sendable {
    /// The step shown.
    public private(set) var step: Step
    /// The exchange shown, or nil for the preview (nothing sent yet).
    public private(set) var exchangeIndex: Int?
    /// The scrolling view of the document.
    public private(set) var view: TextView
    /// The query being typed after `/`, or nil.
    var searchField: TextField?
    /// A one-line message: search results, which exchange.
    var message: String?
    /// The number of exchanges of the step when the document was built.
    var exchangeCount: Int

    /// Opens the inspector on `step` of `run`: on `exchangeIndex`, by default the latest
    /// exchange (or the preview when nothing was sent).
    public init(run: RunState, step: Step, exchangeIndex: Int? = nil, now: Date, viewport: Size) {
        let exchanges = run.record(of: step).exchanges
        let index = exchanges.isEmpty ? nil : min(max(0, exchangeIndex ?? exchanges.count - 1), exchanges.count - 1)
        let source: InspectorDocument.Source
        if let index {
            source = .exchange(exchanges[index], index: index, count: exchanges.count)
        } else if case .awaitingOperator(let waiting) = run.phase, waiting == step,
            case .success(let preview) = run.preview(of: step, now: now)
        {
            source = .preview(preview)
        } else {
            source = .nothing(run.status(of: step) == .skipped ? "Skipped: nothing was sent." : "Nothing sent yet for this step.")
        }
        self.init(step: step, exchangeIndex: index, exchangeCount: exchanges.count,
                  document: InspectorDocument(step: step, source: source, inputs: run.inputs, appID: run.text(.appID),
                                              tokenClaims: Self.claims(step: step, run: run), now: now),
                  viewport: viewport)
    }

    /// The decoded claims of the first token the step captured (the worker's, the user's).
    static func claims(step: Step, run: RunState) -> JWTClaims? {
        step.definition.captures.sorted().lazy.compactMap { key in
            run.captures[key].flatMap { $0.step == step ? $0.value.secret : nil }.flatMap(JWTClaims.decode)
        }.first
    }

    /// Opens the inspector on one recorded exchange (used by benchmarks and tests).
    public init(step: Step, exchange: ExchangeRecord, inputs: RunInputs, viewport: Size) {
        self.init(step: step, exchangeIndex: 0, exchangeCount: 1,
                  document: InspectorDocument(step: step, source: .exchange(exchange, index: 0, count: 1), inputs: inputs, appID: nil),
                  viewport: viewport)
    }

    init(step: Step, exchangeIndex: Int?, exchangeCount: Int, document: InspectorDocument, viewport: Size) {
        self.step = step
        self.exchangeIndex = exchangeIndex
        self.exchangeCount = exchangeCount
        view = TextView(document: document.document, styler: document.styler, viewportSize: Self.textSize(viewport))
        if let line = document.highlightedLine, line >= view.viewportSize.height - 2 {
            view.scroll(toLine: line - view.viewportSize.height + 3)
        }
    }

    /// The text area inside the inspector's frame for a terminal of `size`.
    static func textSize(_ size: Size) -> Size {
        Size(width: size.width - 2, height: size.height - 5)
    }

    /// What a key asks of the wizard.
    public enum Outcome: Sendable, Hashable {
        case none
        case close
        /// Show another exchange or step.
        case open(Step, exchangeIndex: Int?)
    }

    /// Scrolls, searches, moves between exchanges and steps.
    public mutating func handle(_ key: Key, viewport: Size) -> Outcome {
        view.viewportSize = Self.textSize(viewport)
        if var field = searchField {
            switch key {
            case .escape:
                searchField = nil
                message = nil
            case .enter:
                searchField = nil
                search(field.value)
            default:
                _ = field.handle(key)
                searchField = field
            }
            return .none
        }
        message = nil
        let half = max(1, view.viewportSize.height / 2)
        switch key {
        case .escape, .character("q"), .character("i"):
            return .close
        case .character("/"):
            searchField = TextField(label: "/", value: "", maxLength: 200)
        case .character("n"), .character("N"):
            guard view.searchQuery != nil else {
                message = "no search yet: / starts one"
                return .none
            }
            let match = key == .character("n") ? view.findNext() : view.findPrevious()
            describe(match, query: view.searchQuery ?? "")
        case .ctrl("d"):
            view.scroll(by: half)
        case .ctrl("u"):
            view.scroll(by: -half)
        case .character("["):
            guard let index = exchangeIndex, index > 0 else {
                message = "this is the first exchange of step \(step.rawValue)"
                return .none
            }
            return .open(step, exchangeIndex: index - 1)
        case .character("]"):
            guard let index = exchangeIndex, index + 1 < exchangeCount else {
                message = "this is the last exchange of step \(step.rawValue)"
                return .none
            }
            return .open(step, exchangeIndex: index + 1)
        case .character("{"):
            guard let previous = step.workflow.step(number: step.rawValue - 1) else { return .none }
            return .open(previous, exchangeIndex: nil)
        case .character("}"):
            guard let next = step.next else { return .none }
            return .open(next, exchangeIndex: nil)
        default:
            _ = view.handle(key)
        }
        return .none
    }

    mutating func search(_ query: String) {
        guard !query.isEmpty else {
            view.clearSearch()
            return
        }
        describe(view.search(query), query: query)
    }

    mutating func describe(_ match: TextMatch?, query: String) {
        guard let match else {
            message = "not found: \(query)"
            return
        }
        message = "line \(match.line + 1): \(query)" + (match.wrapped ? " (wrapped)" : "") + " · n next · N previous"
    }

    /// Draws the inspector over the whole `area`.
    public func render(into buffer: inout ScreenBuffer, in area: Rect) {
        let (top, rest) = area.splitTop(1)
        let (middle, bottom) = rest.splitBottom(2)
        let which = exchangeIndex.map { "exchange \($0 + 1) of \(exchangeCount)" } ?? "not sent"
        TitleBar.draw(into: &buffer, in: top, left: "Inspector · step \(step.rawValue) \(step.definition.title)", right: which)
        buffer.box(middle, title: "\(buffer.glyphs.pointer) Request and response")
        var textView = view
        let inner = middle.inset(by: 1)
        textView.viewportSize = inner.size
        textView.render(into: &buffer, in: inner, focused: true)
        let status = bottom.row(0)
        if let searchField {
            searchField.render(into: &buffer, in: status, focused: true)
        } else {
            let lines = view.document.lineCount
            let position = lines == 0 ? "empty" : "lines \(view.topLine + 1)–\(min(lines, view.topLine + inner.height)) of \(lines)"
            buffer.put(message ?? position, in: status, role: message == nil ? .hint : .warning)
        }
        Footer([
            KeyHint("↑↓/jk", "scroll", priority: 5), KeyHint("/", "search", priority: 8), KeyHint("n/N", "next/prev", priority: 4),
            KeyHint("[ ]", "attempts", priority: 6), KeyHint("{ }", "steps", priority: 3), KeyHint("g/G", "top/end", priority: 2),
            KeyHint("Esc", "back", priority: 9),
        ]).render(into: &buffer, in: bottom.row(1), focused: false)
    }
}
