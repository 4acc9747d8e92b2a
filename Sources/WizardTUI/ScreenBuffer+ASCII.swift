import TUIKit

extension ScreenBuffer {
    /// One-cell ASCII stand-ins for the punctuation the screens use (the glyph set already
    /// covers lines, marks and ellipses).
    static let asciiStandIns: [String: String] = [
        "·": "-", "←": "<", "→": ">", "↑": "^", "↓": "v", "—": "-", "–": "-", "‹": "<", "›": ">", "…": ".",
        "×": "x", "•": "*", "✓": "+", "✗": "x", "○": "o",
    ]

    /// Replaces the screens' own non-ASCII punctuation with ASCII, cell for cell, for `--ascii`
    /// and terminals that cannot show Unicode. Text from elsewhere is left as it is.
    mutating func useASCIIPunctuation() {
        for y in 0..<height {
            for x in 0..<width {
                let cell = self[x, y]
                guard !cell.isContinuation, let standIn = Self.asciiStandIns[cell.character] else { continue }
                put(standIn, x: x, y: y, role: cell.role, maxWidth: 1)
            }
        }
    }
}
