/// One input event from the terminal.
public enum Key: Sendable, Hashable {
    /// A printable character (including space).
    case character(Character)
    /// Enter or Return.
    case enter
    /// Escape on its own.
    case escape
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Backspace (erase to the left).
    case backspace
    /// Delete (erase under the cursor).
    case delete
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Page up.
    case pageUp
    /// Page down.
    case pageDown
    /// Function key F1, F2, …
    case function(Int)
    /// A control key, named by its lowercase letter: Ctrl-A is `.ctrl("a")`.
    case ctrl(Character)
    /// The terminal changed size, or must be redrawn (after a suspend): lay out again.
    case resize
    /// A key the terminal reported that has no name here (its raw code).
    case unknown(Int32)

    /// The key a terminal sends as this character code: controls become `.enter`, `.tab`,
    /// `.escape`, `.backspace` or `.ctrl`, everything else `.character`.
    public init(characterCode code: UInt32) {
        switch code {
        case 0x0D, 0x0A: self = .enter
        case 0x09: self = .tab
        case 0x1B: self = .escape
        case 0x7F, 0x08: self = .backspace
        case 0x00: self = .ctrl(" ")
        case 0x01...0x1A:
            self = .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        case 0x1C...0x1F:
            // Ctrl-\ Ctrl-] Ctrl-^ Ctrl-_
            self = .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x40)))
        default:
            if let scalar = Unicode.Scalar(code), !SafeDisplay.needsEscape(scalar) {
                self = .character(Character(scalar))
            } else {
                self = .unknown(Int32(bitPattern: code))
            }
        }
    }

    /// A short human name, as shown in key hints: `Enter`, `Ctrl-C`, `F1`, `x`.
    public var name: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let number): return "F\(number)"
        case .ctrl(let character): return "Ctrl-" + character.uppercased()
        case .resize: return "Resize"
        case .unknown(let code): return "Key(\(code))"
        }
    }
}
