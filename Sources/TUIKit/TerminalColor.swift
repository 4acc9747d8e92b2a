/// A terminal color: the terminal's default, one of the 16 ANSI colors, or a 256-color index.
public enum TerminalColor: Sendable, Hashable {
    /// The terminal's own foreground or background color.
    case `default`
    /// ANSI color 0.
    case black
    /// ANSI color 1.
    case red
    /// ANSI color 2.
    case green
    /// ANSI color 3.
    case yellow
    /// ANSI color 4.
    case blue
    /// ANSI color 5.
    case magenta
    /// ANSI color 6.
    case cyan
    /// ANSI color 7.
    case white
    /// ANSI color 8 (often shown as gray).
    case brightBlack
    /// ANSI color 9.
    case brightRed
    /// ANSI color 10.
    case brightGreen
    /// ANSI color 11.
    case brightYellow
    /// ANSI color 12.
    case brightBlue
    /// ANSI color 13.
    case brightMagenta
    /// ANSI color 14.
    case brightCyan
    /// ANSI color 15.
    case brightWhite
    /// An index into the 256-color palette, written `color(N)` in theme files.
    case indexed(UInt8)

    static let ansiNames: [(name: String, color: TerminalColor)] = [
        ("black", .black), ("red", .red), ("green", .green), ("yellow", .yellow),
        ("blue", .blue), ("magenta", .magenta), ("cyan", .cyan), ("white", .white),
        ("bright-black", .brightBlack), ("bright-red", .brightRed), ("bright-green", .brightGreen),
        ("bright-yellow", .brightYellow), ("bright-blue", .brightBlue),
        ("bright-magenta", .brightMagenta), ("bright-cyan", .brightCyan),
        ("bright-white", .brightWhite),
    ]

    /// The palette index: -1 for `.default`, 0–15 for the ANSI colors, 0–255 for `.indexed`.
    public var paletteIndex: Int {
        switch self {
        case .default: return -1
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        case .brightBlack: return 8
        case .brightRed: return 9
        case .brightGreen: return 10
        case .brightYellow: return 11
        case .brightBlue: return 12
        case .brightMagenta: return 13
        case .brightCyan: return 14
        case .brightWhite: return 15
        case .indexed(let index): return Int(index)
        }
    }

    /// The name written in theme files, e.g. `bright-red` or `color(208)`.
    public var themeName: String {
        switch self {
        case .default: return "default"
        case .indexed(let index): return "color(\(index))"
        default:
            return TerminalColor.ansiNames.first(where: { $0.color == self })?.name ?? "default"
        }
    }

    /// Parses a theme-file color name: `default`, an ANSI name (`red`, `bright-red`,
    /// `brightRed`, `gray`), or `color(N)` with N in 0...255.
    public init?(themeName: String) {
        let name = themeName.lowercased().trimmingSpaces()
        if name == "default" {
            self = .default
            return
        }
        if name.hasPrefix("color("), name.hasSuffix(")") {
            let digits = name.dropFirst("color(".count).dropLast()
            guard let value = UInt8(digits.trimmingSpaces()) else { return nil }
            self = .indexed(value)
            return
        }
        let wanted = StyleRole.normalized(name)
        if wanted == "gray" || wanted == "grey" {
            self = .brightBlack
            return
        }
        guard let match = TerminalColor.ansiNames.first(where: { StyleRole.normalized($0.name) == wanted }) else {
            return nil
        }
        self = match.color
    }

    /// The nearest color a terminal with `paletteSize` colors can show, as a palette index
    /// (-1 for the default), plus whether bold should stand in for "bright" on 8-color terminals.
    /// Bright black (gray) becomes the default color there, since black could be invisible.
    public func approximated(paletteSize: Int) -> (index: Int, needsBold: Bool) {
        let index = paletteIndex
        if index < 0 || index < paletteSize { return (index, false) }
        if index == 8 {
            // Bright black (gray) as black-and-bold vanishes on dark backgrounds: use the default.
            return (-1, false)
        }
        if index < 16 {
            // Bright ANSI color on an 8-color terminal: the base color, drawn bold.
            return (index - 8, true)
        }
        let rgb = TerminalColor.rgb(ofPaletteIndex: index)
        let candidates = paletteSize >= 16 ? 16 : 8
        var best = 0
        var bestDistance = Int.max
        for candidate in 0..<candidates {
            let other = TerminalColor.rgb(ofPaletteIndex: candidate)
            let distance = (rgb.r - other.r) * (rgb.r - other.r) + (rgb.g - other.g) * (rgb.g - other.g)
                + (rgb.b - other.b) * (rgb.b - other.b)
            if distance < bestDistance {
                bestDistance = distance
                best = candidate
            }
        }
        return (best, false)
    }

    /// Approximate xterm RGB values of a palette index.
    static func rgb(ofPaletteIndex index: Int) -> (r: Int, g: Int, b: Int) {
        let ansi: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
            (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
            (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if index < 16 {
            let value = ansi[max(0, index)]
            return (value.0, value.1, value.2)
        }
        if index < 232 {
            let cube = index - 16
            let levels = [0, 95, 135, 175, 215, 255]
            return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
        }
        let gray = 8 + (index - 232) * 10
        return (gray, gray, gray)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return String(slice)
    }
}
