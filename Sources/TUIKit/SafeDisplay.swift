import Foundation
import TerminalText

/// Makes untrusted text safe to put on a terminal: every character that a terminal would
/// act on instead of showing becomes a visible escape such as `\u{1B}`.
///
/// What is escaped, and how, is ``TerminalText``'s one definition (shared with every line
/// printed on stdout and stderr): C0 and C1 controls, DEL, the bidirectional controls and the
/// line and paragraph separators. In single-line mode newline, tab and carriage
/// return become `\n`, `\t` and `\r`; in multi-line mode newlines are kept (CRLF becomes LF)
/// and tabs expand to spaces up to the next tab stop. `ScreenBuffer.put` applies the
/// single-line form itself, so no view can forget it.
public enum SafeDisplay {
    /// How line breaks and tabs are shown.
    public enum Mode: Sendable, Hashable {
        /// Everything on one line: `\n`, `\t` and `\r` are shown as escapes.
        case singleLine
        /// Newlines kept; tabs expanded to spaces up to the next multiple of `tabWidth` cells.
        case multiLine(tabWidth: Int)

        /// Multi-line with tab stops every 8 cells, as terminals have them.
        public static let multiLine = Mode.multiLine(tabWidth: 8)
    }

    /// `text` with every terminal control made visible.
    public static func visible(_ text: String, mode: Mode = .singleLine) -> String {
        if case .singleLine = mode, !text.unicodeScalars.contains(where: needsEscape) {
            return text
        }
        var output = String.UnicodeScalarView()
        append(text.unicodeScalars, to: &output, mode: mode)
        return String(output)
    }

    /// `data` decoded as UTF-8 with every terminal control made visible; bytes that are not
    /// valid UTF-8 are shown as `\x{FF}`.
    public static func visible(_ data: Data, mode: Mode = .singleLine) -> String {
        visible(bytes: Array(data), mode: mode)
    }

    /// `bytes` decoded as UTF-8 with every terminal control made visible; bytes that are not
    /// valid UTF-8 are shown as `\x{FF}`.
    public static func visible(bytes: [UInt8], mode: Mode = .singleLine) -> String {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var output = String.UnicodeScalarView()
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var position = 0
        var column = 0
        func flush() {
            append(scalars, to: &output, mode: mode, column: &column)
            scalars.removeAll(keepingCapacity: true)
        }
        decoding: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                scalars.append(Unicode.UTF8.decode(encoded))
                position += encoded.count
            case .error(let length):
                flush()
                for byte in bytes[position..<min(bytes.count, position + length)] {
                    output.append(contentsOf: hexEscape(byte).unicodeScalars)
                    column += 6
                }
                position += length
            case .emptyInput:
                break decoding
            }
        }
        flush()
        return String(output)
    }

    /// True when a terminal would act on `scalar` instead of showing it
    /// (``TerminalText/needsEscape(_:)``).
    @inlinable
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        TerminalText.needsEscape(scalar)
    }

    /// The visible escape of one scalar, e.g. `\u{1B}` (``TerminalText/escape(_:)``).
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        TerminalText.escape(scalar)
    }

    static func hexEscape(_ byte: UInt8) -> String {
        "\\x{" + hex(UInt32(byte), minimumDigits: 2) + "}"
    }

    static func hex(_ value: UInt32, minimumDigits: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, minimumDigits - digits.count)) + digits
    }

    static func append(_ scalars: String.UnicodeScalarView, to output: inout String.UnicodeScalarView, mode: Mode) {
        var column = 0
        append(Array(scalars), to: &output, mode: mode, column: &column)
    }

    static func append(
        _ scalars: [Unicode.Scalar], to output: inout String.UnicodeScalarView, mode: Mode, column: inout Int
    ) {
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            guard needsEscape(scalar) else {
                output.append(scalar)
                if case .multiLine = mode { column += TextWidth.cells(of: scalar) }
                continue
            }
            switch (mode, scalar) {
            case (.multiLine, "\n"):
                output.append("\n")
                column = 0
            case (.multiLine, "\r") where index < scalars.count && scalars[index] == "\n":
                break  // CRLF: the LF that follows ends the line
            case (.multiLine(let tabWidth), "\t"):
                let stop = max(1, tabWidth)
                let spaces = stop - column % stop
                output.append(contentsOf: String(repeating: " ", count: spaces).unicodeScalars)
                column += spaces
            default:
                let escaped = escape(scalar)
                output.append(contentsOf: escaped.unicodeScalars)
                column += escaped.unicodeScalars.count
            }
        }
    }
}
