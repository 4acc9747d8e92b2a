import Foundation

extension ExchangeRecord {
    /// An exchange as the engine records it, for tools that show exchanges they did not run
    /// (benchmarks, viewers of a transcript).
    public init(step: Step, attempt: Int, purpose: RequestPurpose, request: RecordedRequest,
                response: RecordedResponse?, error: String?, startedAt: Date, durationMilliseconds: Double,
                editedByOperator: Bool = false) {
        self.step = step.rawValue
        self.stepTitle = step.definition.title
        self.attempt = attempt
        self.purpose = purpose
        self.request = request
        self.response = response
        self.error = error
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
        self.editedByOperator = editedByOperator
    }
}
