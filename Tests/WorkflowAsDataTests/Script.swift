import Foundation
import Synchronization

@testable import p1wizard

/// Text written from any thread, read at the end.
final class Lines: Sendable {
    private let value = Mutex("")
    func append(_ text: String) { value.withLock { $0 += text } }
    var text: String { value.withLock { $0 } }
}

/// `plain`'s terminal, scripted: the answers given in order (nil once they run out), everything
/// written, and each prompt an answer was read for.
final class Script: Sendable {
    private struct State {
        var answers: [String]
        var written = ""
        var prompts: [String] = []
    }

    private let state: Mutex<State>

    init(answers: [String]) { state = Mutex(State(answers: answers)) }

    var written: String { state.withLock { $0.written } }
    var prompts: [String] { state.withLock { $0.prompts } }

    var io: PlainIO {
        PlainIO(write: { self.write($0) }, readLine: { self.answer() }, readSecret: { self.answer() })
    }

    private func write(_ text: String) { state.withLock { $0.written += text } }

    private func answer() -> String? {
        state.withLock { state in
            let prompt = state.written.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            state.prompts.append(prompt)
            guard !state.answers.isEmpty else { return nil }
            let answer = state.answers.removeFirst()
            state.written += answer + "\n"
            return answer
        }
    }
}
