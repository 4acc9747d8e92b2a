import CNCursesW
import TUIKit

#if canImport(Glibc)
    import Glibc
#endif

/// Key decoding: curses key codes and the escape sequences curses did not recognise, as `Key`s.
extension NCursesScreen {
    /// Reads what follows an ESC that curses did not recognise as a key.
    func escapeSequence(_ window: UnsafeMutablePointer<WINDOW>) -> Key {
        var bytes: [UInt8] = []
        var character: wint_t = 0
        while bytes.count < 16, wget_wch(window, &character) == OK {
            bytes.append(UInt8(truncatingIfNeeded: character))
            if let key = EscapeSequenceDecoder.key(afterEscape: bytes) { return key }
            if bytes.count == 1, bytes[0] != UInt8(ascii: "["), bytes[0] != UInt8(ascii: "O") {
                // Escape, then an ordinary key typed quickly after it: give both, in order.
                _ = unget_wch(wchar_t(bitPattern: UInt32(truncatingIfNeeded: character)))
                return .escape
            }
        }
        return bytes.isEmpty ? .escape : .unknown(0x1B)
    }

    /// Maps a curses key code to a `Key`.
    static func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case cncurses_KEY_F(1)...cncurses_KEY_F(63): return .function(Int(code - cncurses_KEY_F(0)))
        default: return .unknown(code)
        }
    }
}
