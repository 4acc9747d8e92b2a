import PingOneAPI
import TUIKit

/// Colors the inspector's lines: section titles, header names, the parsed `flowId` or `code`,
/// JSON bodies (keys, strings, numbers, literals) and masked secrets. Knows only a handful of
/// line numbers and ranges, so it costs nothing per line of a 20 MB body beyond the line itself.
public struct InspectorStyler: LineStyler {
    /// Lines drawn as section titles.
    public var sectionLines: Set<Int> = []
    /// `Name: value` lines (request and response headers).
    public var headerLines: Set<Int> = []
    /// Lines whose value after `= ` is highlighted (a parsed `flowId` or `code`).
    public var highlightLines: Set<Int> = []
    /// Secondary lines (notes).
    public var hintLines: Set<Int> = []
    /// Error lines.
    public var errorLines: Set<Int> = []
    /// Line ranges holding JSON.
    public var jsonRanges: [Range<Int>] = []

    /// An empty styler.
    public init() {}

    public func spans(forLine line: String, lineNumber: Int) -> [StyleSpan] {
        if sectionLines.contains(lineNumber) { return [StyleSpan(range: line.startIndex..<line.endIndex, role: .title)] }
        if hintLines.contains(lineNumber) { return [StyleSpan(range: line.startIndex..<line.endIndex, role: .hint)] }
        if errorLines.contains(lineNumber) { return [StyleSpan(range: line.startIndex..<line.endIndex, role: .error)] }
        if highlightLines.contains(lineNumber), let equals = line.range(of: "= ") {
            var spans = [StyleSpan(range: line.startIndex..<equals.lowerBound, role: .label)]
            let valueEnd = line[equals.upperBound...].firstIndex(of: " ") ?? line.endIndex
            spans.append(StyleSpan(range: equals.upperBound..<valueEnd, role: .highlight))
            return spans
        }
        if headerLines.contains(lineNumber), let colon = line.firstIndex(of: ":") {
            return [StyleSpan(range: line.startIndex..<colon, role: .label)] + Self.maskSpans(in: line)
        }
        if jsonRanges.contains(where: { $0.contains(lineNumber) }) { return Self.json(line) }
        return Self.maskSpans(in: line)
    }

    /// Spans for every masked secret in `line`.
    static func maskSpans(in line: String) -> [StyleSpan] {
        var spans: [StyleSpan] = []
        var searchStart = line.startIndex
        while let found = line.range(of: Secret.mask, range: searchStart..<line.endIndex) {
            spans.append(StyleSpan(range: found, role: .secret))
            searchStart = found.upperBound
        }
        return spans
    }

    /// Spans of one line of (pretty-printed) JSON.
    static func json(_ line: String) -> [StyleSpan] {
        var spans: [StyleSpan] = []
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "\"" {
                var end = line.index(after: index)
                var escaped = false
                while end < line.endIndex {
                    let c = line[end]
                    if escaped {
                        escaped = false
                    } else if c == "\\" {
                        escaped = true
                    } else if c == "\"" {
                        break
                    }
                    end = line.index(after: end)
                }
                let close = end < line.endIndex ? line.index(after: end) : end
                var after = close
                while after < line.endIndex, line[after] == " " { after = line.index(after: after) }
                let isKey = after < line.endIndex && line[after] == ":"
                let range = index..<close
                if !isKey, line[range].contains(Secret.mask) {
                    spans.append(StyleSpan(range: range, role: .secret))
                } else {
                    spans.append(StyleSpan(range: range, role: isKey ? .jsonKey : .jsonString))
                }
                index = close
            } else if character == "-" || character.isASCII && character.isNumber {
                var end = line.index(after: index)
                while end < line.endIndex, "0123456789.eE+-".contains(line[end]) { end = line.index(after: end) }
                spans.append(StyleSpan(range: index..<end, role: .jsonNumber))
                index = end
            } else if let word = ["true", "false", "null"].first(where: { line[index...].hasPrefix($0) }) {
                let end = line.index(index, offsetBy: word.count)
                spans.append(StyleSpan(range: index..<end, role: .jsonLiteral))
                index = end
            } else {
                index = line.index(after: index)
            }
        }
        return spans
    }
}
