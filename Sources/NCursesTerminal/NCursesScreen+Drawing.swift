import CNCursesW
import TUIKit

#if canImport(Glibc)
    import Glibc
#endif

extension NCursesScreen {
    /// Writes one cell (and, for a wide character, the cells it covers) with its style.
    /// Called with the lock held.
    func draw(_ cell: Cell, x: Int, y: Int, maxX: Int, style: Style, window: UnsafeMutablePointer<WINDOW>) {
        let (attributes, pair) = cursesAttributes(for: style)
        let width = min(cell.width, maxX - x)
        let groups = NCursesScreen.drawableScalars(of: cell.character, width: width, unicode: utf8Locale)
        var column = x
        for group in groups {
            var characters = group + [0]
            var complex = cchar_t()
            _ = setcchar(&complex, &characters, attributes, pair, nil)
            _ = mvwadd_wch(window, Int32(y), Int32(column), &complex)
            column += max(1, NCursesScreen.systemWidth(group[0]))
        }
    }

    /// The curses attributes and color pair for a style, allocating the pair on first use.
    /// On 8-color terminals bright colors become their base color drawn bold.
    func cursesAttributes(for style: Style) -> (attr_t, Int16) {
        var attributes = cncurses_A_NORMAL()
        if style.attributes.contains(.bold) { attributes |= cncurses_A_BOLD() }
        if style.attributes.contains(.underline) { attributes |= cncurses_A_UNDERLINE() }
        if style.attributes.contains(.reverse) { attributes |= cncurses_A_REVERSE() }
        if style.attributes.contains(.dim) { attributes |= cncurses_A_DIM() }
        guard colorsEnabled else { return (attributes, 0) }
        let foreground = style.foreground.approximated(paletteSize: paletteSize)
        let background = style.background.approximated(paletteSize: paletteSize)
        if foreground.needsBold { attributes |= cncurses_A_BOLD() }
        return (attributes, colorPair(foreground: foreground.index, background: background.index))
    }

    /// The pair number for (foreground, background) palette indices (-1 = default).
    func colorPair(foreground: Int, background: Int) -> Int16 {
        var fg = Int16(foreground)
        var bg = Int16(background)
        if !hasDefaultColors {
            if fg < 0 { fg = Int16(COLOR_WHITE) }
            if bg < 0 { bg = Int16(COLOR_BLACK) }
        }
        if fg < 0 && bg < 0 { return 0 }
        let key = PairKey(foreground: fg, background: bg)
        if let pair = pairs[key] { return pair }
        guard Int(nextPair) < min(Int(cncurses_COLOR_PAIRS()), Int(Int16.max)) else { return 0 }
        let pair = nextPair
        guard init_pair(pair, fg, bg) == OK else { return 0 }
        nextPair += 1
        pairs[key] = pair
        return pair
    }

    /// The width of one scalar as the C library (and so curses and the terminal) sees it.
    static func systemWidth(_ scalar: Unicode.Scalar) -> Int {
        Int(cncurses_wcwidth(wchar_t(bitPattern: scalar.value)))
    }

    /// The width of the first scalar of a group handed to curses.
    static func systemWidth(_ character: wchar_t) -> Int {
        Int(cncurses_wcwidth(character))
    }

    /// The characters to hand curses for a cell of `width` cells, grouped one spacing
    /// character with its zero-width followers per group, so that curses advances exactly
    /// `width` columns: the whole cluster when the C library measures it the same way as
    /// `TextWidth`; otherwise its base character with its combining marks (a ZWJ emoji
    /// sequence shows its first emoji) padded with spaces; `?` per cell when even that does not
    /// fit or the locale is not UTF-8.
    static func drawableScalars(of text: String, width: Int, unicode: Bool) -> [[wchar_t]] {
        let scalars = Array(text.unicodeScalars)
        let question = [wchar_t(0x3F)]
        guard let base = scalars.first, width > 0 else { return [[wchar_t(0x20)]] }
        if !unicode && !text.allSatisfy(\.isASCII) {
            // The locale cannot show it: keep an ASCII base (dropping invisible extras), else `?`.
            guard base.isASCII else { return Array(repeating: question, count: width) }
            return [[wchar_t(bitPattern: base.value)]] + Array(repeating: [wchar_t(0x20)], count: width - 1)
        }
        let widths = scalars.map(systemWidth)
        if !widths.contains(where: { $0 < 0 }), widths.reduce(0, +) == width, widths[0] > 0 {
            var groups: [[wchar_t]] = []
            for (scalar, scalarWidth) in zip(scalars, widths) {
                if scalarWidth > 0 {
                    groups.append([wchar_t(bitPattern: scalar.value)])
                } else if groups[groups.count - 1].count < Int(CCHARW_MAX) {
                    groups[groups.count - 1].append(wchar_t(bitPattern: scalar.value))
                }
            }
            return groups
        }
        let baseWidth = systemWidth(base)
        guard baseWidth > 0, baseWidth <= width else {
            return Array(repeating: question, count: width)
        }
        var group = [wchar_t(bitPattern: base.value)]
        for scalar in scalars.dropFirst() where group.count < Int(CCHARW_MAX) && systemWidth(scalar) == 0 {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: group.append(wchar_t(bitPattern: scalar.value))
            default: continue
            }
        }
        return [group] + Array(repeating: [wchar_t(0x20)], count: width - baseWidth)
    }
}
