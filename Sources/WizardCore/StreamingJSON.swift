import Foundation
import PingOneAPI

/// Pretty-prints a JSON document byte by byte, keeping the server's member order, and masks every
/// string on the way with ``SecretMasker`` (the one masker; it is told which member a string
/// belongs to): for large bodies, where parsing the whole document into values would take
/// seconds. Returns nil when the bytes are not one JSON object or array.
enum StreamingJSON {
    private enum Container { case object, array }

    static func prettyMasked(_ bytes: [UInt8]) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4)
        var stack: [Container] = []
        var expectingKey = false
        var lastKey = 0..<0
        var i = 0
        let n = bytes.count
        func skipSpace() { while i < n, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 } }
        func newline() {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: stack.count * 2))
        }
        /// The end index (after the closing quote) of the string starting at `start`, or nil.
        func stringEnd(_ start: Int) -> Int? {
            var j = start + 1
            while j < n {
                if bytes[j] == 0x5C { j += 2; continue }
                if bytes[j] == 0x22 { return j + 1 }
                j += 1
            }
            return nil
        }
        skipSpace()
        guard i < n, bytes[i] == 0x7B || bytes[i] == 0x5B else { return nil }
        while i < n {
            let byte = bytes[i]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                i += 1
            case 0x7B, 0x5B:  // { [
                out.append(byte)
                i += 1
                skipSpace()
                if i < n, bytes[i] == (byte == 0x7B ? 0x7D : 0x5D) {
                    out.append(bytes[i])
                    i += 1
                    expectingKey = false
                } else {
                    stack.append(byte == 0x7B ? .object : .array)
                    expectingKey = byte == 0x7B
                    newline()
                }
            case 0x7D, 0x5D:  // } ]
                guard let top = stack.popLast(), (top == .object) == (byte == 0x7D) else { return nil }
                newline()
                out.append(byte)
                i += 1
                expectingKey = false
            case 0x2C:  // ,
                guard let top = stack.last else { return nil }
                out.append(byte)
                newline()
                expectingKey = top == .object
                i += 1
            case 0x3A:  // :
                out.append(contentsOf: [0x3A, 0x20])
                i += 1
            case 0x22:  // "
                guard let end = stringEnd(i) else { return nil }
                if expectingKey {
                    lastKey = (i + 1)..<(end - 1)
                    out.append(contentsOf: bytes[i..<end])
                    expectingKey = false
                } else {
                    out.append(0x22)
                    SecretMasker.appendString(
                        bytes[(i + 1)..<(end - 1)], member: stack.last == .object ? bytes[lastKey] : nil, to: &out)
                    out.append(0x22)
                }
                i = end
            default:  // numbers, true, false, null
                var j = i
                while j < n, ![0x2C, 0x7D, 0x5D, 0x20, 0x09, 0x0A, 0x0D].contains(bytes[j]) { j += 1 }
                out.append(contentsOf: bytes[i..<j])
                i = j
            }
        }
        guard stack.isEmpty else { return nil }
        return String(decoding: out, as: UTF8.self)
    }
}
