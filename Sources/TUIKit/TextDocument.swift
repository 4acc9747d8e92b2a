import Foundation

/// A large text held as one UTF-8 buffer with the start offset of every line, computed once.
///
/// Lines are decoded only when asked for, so a 20 MB document with half a million lines
/// costs its bytes plus one integer per line, and reading any line is O(line length).
public struct TextDocument: Sendable {
    let bytes: [UInt8]
    let lineStarts: [Int]

    /// Lines longer than this many bytes are shown cut at this length.
    public static let maximumDisplayedLineBytes = 65_536

    /// Creates a document from text.
    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Creates a document from UTF-8 data (invalid bytes are shown as U+FFFD).
    public init(data: Data) {
        self.init(bytes: [UInt8](data))
    }

    /// Creates a document from UTF-8 bytes. Lines end at LF; a CR before the LF is dropped;
    /// a final LF does not start an extra empty line; an empty document has no lines.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts: [Int] = []
        if !bytes.isEmpty {
            starts.append(0)
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                let count = buffer.count
                var offset = 0
                while offset < count {
                    guard let found = memchr(base + offset, 0x0A, count - offset) else { break }
                    let newline = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                    if newline + 1 < count { starts.append(newline + 1) }
                    offset = newline + 1
                }
            }
        }
        self.lineStarts = starts
    }

    /// The number of lines.
    public var lineCount: Int { lineStarts.count }

    /// The size of the document in bytes.
    public var byteCount: Int { bytes.count }

    /// The byte range of line `index` in the document, without its line ending.
    public func byteRange(ofLine index: Int) -> Range<Int> {
        guard index >= 0, index < lineStarts.count else { return 0..<0 }
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if index + 1 == lineStarts.count, end > start, bytes[end - 1] == 0x0A { end -= 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// Line `index` decoded (at most `maximumDisplayedLineBytes` bytes, cut on a character
    /// boundary); an empty string outside the document.
    public func line(_ index: Int) -> String {
        let range = byteRange(ofLine: index)
        var end = range.upperBound
        if end - range.lowerBound > TextDocument.maximumDisplayedLineBytes {
            end = range.lowerBound + TextDocument.maximumDisplayedLineBytes
            while end > range.lowerBound, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        }
        return String(decoding: bytes[range.lowerBound..<end], as: UTF8.self)
    }

    /// The index of the line that holds the byte at `offset`.
    public func lineIndex(containingByteOffset offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        guard high >= 0 else { return 0 }
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return low
    }
}
