import Foundation
import Testing
import WizardCore

@Suite("Exchange records built outside the engine")
struct ExchangeRecordInitTests {
    @Test("the public initializer keeps every field and encodes like the engine's records")
    func publicInit() throws {
        let record = ExchangeRecord(
            step: .findPingOneAPIResource, attempt: 1, purpose: .step,
            request: RecordedRequest(method: "GET", url: "https://api.pingone.com/v1/environments/x/resources", headers: [],
                                     body: nil, usedCaptures: []),
            response: RecordedResponse(status: 200, headers: [], body: "{}", truncatedBytes: 0, bodyBytes: 2),
            error: nil, startedAt: Date(timeIntervalSince1970: 0), durationMilliseconds: 1.5)
        #expect(record.step == 3 && record.stepTitle == "Find the PingOne API resource" && record.response?.status == 200 && !record.editedByOperator)
        let decoded = try JSONDecoder().decode(ExchangeRecord.self, from: JSONEncoder().encode(record))
        #expect(decoded == record)
    }
}
