import Foundation
import TestSupport
import Testing
import TUIKit

/// Plain-text snapshots kept in `Tests/WizardTUITests/Snapshots/NAME.txt`. Set
/// `P1WIZARD_RECORD_SNAPSHOTS=1` to write them from the current rendering (then review the diff).
enum Snapshots {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func expect(_ buffer: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = PlainTextSnapshot.text(of: buffer)
        let file = directory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["P1WIZARD_RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? (text + "\n").write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt; record it with P1WIZARD_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if let difference = PlainTextSnapshot.difference(expected: expected, actual: text) {
            Issue.record(Comment(rawValue: "\(name): \(difference)"), sourceLocation: sourceLocation)
        }
        #expect(buffer.plainTextLines().count == buffer.height, sourceLocation: sourceLocation)
    }
}
