/// Measures text the way a terminal lays it out: in cells, not characters.
///
/// The rules follow what glibc's `wcwidth` and terminals such as tmux do, but with a
/// built-in table so the answer never depends on the process locale:
/// - East Asian Wide and Fullwidth characters, and emoji with emoji presentation: 2 cells.
/// - Nonspacing and enclosing marks (Mn, Me), format characters (Cf, except the soft hyphen),
///   Hangul medial vowels and final consonants, and control characters: 0 cells.
/// - A grapheme cluster is the sum of its scalars, except emoji sequences (a ZWJ sequence, a
///   skin-tone modifier, a variation selector 16, a flag) which take 2 cells.
/// - Everything else: 1 cell (East Asian Ambiguous characters count as narrow).
public enum TextWidth {
    /// The number of cells `text` takes on a terminal.
    public static func cells(of text: String) -> Int {
        var total = 0
        for character in text {
            total += cells(of: character)
        }
        return total
    }

    /// The number of cells `text` takes on a terminal.
    public static func cells(of text: Substring) -> Int {
        var total = 0
        for character in text {
            total += cells(of: character)
        }
        return total
    }

    /// The number of cells one grapheme cluster takes on a terminal.
    public static func cells(of character: Character) -> Int {
        if let ascii = character.asciiValue {
            return (ascii >= 0x20 && ascii < 0x7F) ? 1 : 0
        }
        let scalars = character.unicodeScalars
        var iterator = scalars.makeIterator()
        guard let first = iterator.next() else { return 0 }
        guard let second = iterator.next() else { return cells(of: first) }
        // Emoji sequences are drawn as one wide glyph.
        var regionalIndicators = 0
        var total = 0
        for scalar in scalars {
            switch scalar.value {
            case 0x200D, 0xFE0F, 0x1F3FB...0x1F3FF:
                if first.properties.isEmoji || isRegionalIndicator(first) || second.value == 0xFE0F {
                    return 2
                }
            case 0x1F1E6...0x1F1FF:
                regionalIndicators += 1
            default:
                break
            }
            total += cells(of: scalar)
        }
        if regionalIndicators == 2 && scalars.count == 2 { return 2 }
        return total
    }

    /// The number of cells one Unicode scalar takes on its own.
    public static func cells(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value >= 0x20 ? 1 : 0 }
        if value < 0xA0 { return 0 }  // DEL and C1 controls
        if value == 0xAD { return 1 }  // soft hyphen: Cf, but terminals show it
        if isZeroWidthByTable(value) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return 0
        default:
            break
        }
        if isWideByTable(value) { return 2 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }
}
