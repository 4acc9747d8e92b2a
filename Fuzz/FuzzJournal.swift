// The journal target: a journal file is anyone's to edit, so whatever `Journal.decode` (which
// validates) accepts must be safe to use. Aborts when an accepted journal breaks a promise: an ID
// that is not a UUID, a run ID outside its alphabet, text with a control character, a DELETE URL
// with a dot segment, or an exported script whose comment lines do not all start with `#`.
import Foundation
import PingOneAPI
import WizardCore

func fuzzJournal(_ data: Data) {
    guard let journal = try? Journal.decode(data) else { return }
    func fail(_ why: String) -> Never {
        FileHandle.standardError.write(Data("journal target: accepted a journal whose \(why)\n".utf8))
        abort()
    }
    func plain(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.value == 0x2028 || $0.value == 0x2029 }
    }
    let runIDAlphabet = Set("0123456789abcdefghijklmnopqrstuvwxyz-".unicodeScalars)
    if journal.runID.isEmpty || !journal.runID.unicodeScalars.allSatisfy(runIDAlphabet.contains) { fail("run ID is \(journal.runID.debugDescription)") }
    for resource in journal.created {
        if !PingOneID.isUUID(resource.id) { fail("created ID is \(resource.id.debugDescription)") }
        if !plain(resource.name) { fail("created name is \(resource.name.debugDescription)") }
    }
    for id in journal.deleted ?? [] where !PingOneID.isUUID(id) { fail("deleted ID is \(id.debugDescription)") }
    for capture in journal.captures { for value in capture.values where !PingOneID.isUUID(value) { fail("capture is \(value.debugDescription)") } }
    let i = journal.inputs
    for text in [i.appName, i.populationName, i.username, i.email, i.givenName, i.familyName, i.redirectURI, i.attributeValue] + i.scopes
    where !plain(text) {
        fail("input is \(text.debugDescription)")
    }
    let plan = Teardown.plan(journal.created, deleted: [], includeAdopted: true)
    let builder = RequestBuilder(endpoints: (try? i.endpoints()) ?? Endpoints(region: i.region))
    for resource in plan.delete {
        let url = Teardown.request(for: resource, envID: i.environmentID, builder: builder, token: Secret("t")).url
        if url.standardized.absoluteString != url.absoluteString { fail("DELETE URL has dot segments: \(url)") }
    }
    // Every line of the script's header (up to `set -euf`) is a comment, an export or a blank.
    let script = CurlScript.make(from: journal)
    for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("set -euf") { break }
        if !(line.isEmpty || line.hasPrefix("#") || line.hasPrefix("export ")) { fail("script header has the line \(line.debugDescription)") }
    }
}
