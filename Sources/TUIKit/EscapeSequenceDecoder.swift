/// Decodes the bytes a terminal sends after ESC for keys curses did not recognise
/// (xterm/VT100 `CSI` and `SS3` sequences such as `ESC [ A` or `ESC O P`).
public enum EscapeSequenceDecoder {
    /// The key for the bytes that followed ESC, or nil when they do not form a known sequence.
    /// An empty sequence is the Escape key itself.
    public static func key(afterEscape bytes: [UInt8]) -> Key? {
        guard let introducer = bytes.first else { return .escape }
        let rest = Array(bytes.dropFirst())
        switch introducer {
        case UInt8(ascii: "O"):
            guard rest.count == 1 else { return nil }
            return finalKey(rest[0])
        case UInt8(ascii: "["):
            guard let final = rest.last else { return nil }
            let parameters = String(decoding: rest.dropLast(), as: UTF8.self)
            if final == UInt8(ascii: "~") {
                let number = parameters.split(separator: ";").first.flatMap { Int($0) }
                return number.flatMap(tildeKey)
            }
            // Modified keys (`ESC [ 1 ; 5 A`) decode as the unmodified key.
            guard parameters.allSatisfy({ $0.isNumber || $0 == ";" }) else { return nil }
            return finalKey(final)
        default:
            return nil
        }
    }

    static func finalKey(_ byte: UInt8) -> Key? {
        switch byte {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "M"): return .enter
        case UInt8(ascii: "P"): return .function(1)
        case UInt8(ascii: "Q"): return .function(2)
        case UInt8(ascii: "R"): return .function(3)
        case UInt8(ascii: "S"): return .function(4)
        default: return nil
        }
    }

    static func tildeKey(_ number: Int) -> Key? {
        switch number {
        case 1, 7: return .home
        case 2: return nil  // Insert
        case 3: return .delete
        case 4, 8: return .end
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(number - 10)
        case 17...21: return .function(number - 11)
        case 23, 24: return .function(number - 12)
        default: return nil
        }
    }
}
