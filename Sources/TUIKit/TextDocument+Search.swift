import Foundation

extension TextDocument {
    /// Finds `query`, wrapping around the document once.
    ///
    /// Forward finds the first match starting at or after `start`; backward the last match
    /// starting before it. Matching is "smart case": case-insensitive (ASCII) unless the
    /// query has an uppercase letter. Runs over the raw bytes: O(document), no decoding.
    public func search(_ query: String, from start: TextPosition, direction: SearchDirection = .forward) -> TextMatch? {
        let needle = Array(query.utf8)
        guard !needle.isEmpty, lineCount > 0 else { return nil }
        let fold = !query.contains(where: \.isUppercase)
        let line = min(max(0, start.line), lineCount - 1)
        let origin = min(bytes.count, lineStarts[line] + max(0, start.byteOffset))
        let anchor = anchor(for: needle, fold: fold)
        let found: (offset: Int, wrapped: Bool)?
        switch direction {
        case .forward:
            if let offset = firstMatch(needle, fold: fold, startingIn: origin..<bytes.count, anchor: anchor) {
                found = (offset, false)
            } else {
                found = firstMatch(needle, fold: fold, startingIn: 0..<origin, anchor: anchor).map { ($0, true) }
            }
        case .backward:
            if let offset = lastMatch(needle, fold: fold, startingIn: 0..<origin, anchor: anchor) {
                found = (offset, false)
            } else {
                found = lastMatch(needle, fold: fold, startingIn: origin..<bytes.count, anchor: anchor).map { ($0, true) }
            }
        }
        guard let found else { return nil }
        let matchLine = lineIndex(containingByteOffset: found.offset)
        let lineStart = lineStarts[matchLine]
        let lower = found.offset - lineStart
        return TextMatch(line: matchLine, byteRange: lower..<(lower + needle.count), wrapped: found.wrapped)
    }

    /// Every match of `query` in line `index` (smart case), as byte ranges within the line.
    public func matches(of query: String, inLine index: Int) -> [Range<Int>] {
        let needle = Array(query.utf8)
        let range = byteRange(ofLine: index)
        guard !needle.isEmpty, range.count >= needle.count else { return [] }
        let fold = !query.contains(where: \.isUppercase)
        var result: [Range<Int>] = []
        var from = range.lowerBound
        let limit = min(range.upperBound, range.lowerBound + TextDocument.maximumDisplayedLineBytes)
        while from < limit, let offset = firstMatch(needle, fold: fold, startingIn: from..<limit, endingBy: range.upperBound) {
            result.append((offset - range.lowerBound)..<(offset - range.lowerBound + needle.count))
            from = offset + needle.count
        }
        return result
    }

    /// The first offset in `starts` where `needle` begins (and ends by `endingBy`).
    ///
    /// Candidates are found with `memchr` on the needle's `anchor` byte (its rarest byte, see
    /// `anchor(for:)`), or on both cases of it when folding, then compared in full.
    func firstMatch(
        _ needle: [UInt8], fold: Bool, startingIn starts: Range<Int>, endingBy end: Int? = nil, anchor: Int = 0
    ) -> Int? {
        let end = min(end ?? bytes.count, bytes.count)
        let lastStart = min(starts.upperBound, end - needle.count + 1)
        guard starts.lowerBound < lastStart, needle.indices.contains(anchor) else { return nil }
        return bytes.withUnsafeBufferPointer { haystack -> Int? in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                guard let base = haystack.baseAddress, let patternBase = pattern.baseAddress else { return nil }
                let variants: [UInt8] = fold ? TextDocument.caseVariants(pattern[anchor]) : [pattern[anchor]]
                var next = variants.map { _ in -1 }
                var position = starts.lowerBound
                while position < lastStart {
                    // The nearest start whose anchor byte matches any case variant.
                    var candidate = Int.max
                    for (slot, variant) in variants.enumerated() {
                        if next[slot] < position {
                            if let hit = memchr(base + position + anchor, Int32(variant), lastStart - position) {
                                next[slot] = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit)) - anchor
                            } else {
                                next[slot] = Int.max
                            }
                        }
                        candidate = min(candidate, next[slot])
                    }
                    guard candidate < lastStart else { return nil }
                    if TextDocument.equal(base + candidate, patternBase, count: pattern.count, fold: fold) {
                        return candidate
                    }
                    position = candidate + 1
                }
                return nil
            }
        }
    }

    /// The last offset in `starts` where `needle` begins.
    func lastMatch(_ needle: [UInt8], fold: Bool, startingIn starts: Range<Int>, anchor: Int = 0) -> Int? {
        var last: Int?
        var from = starts.lowerBound
        while from < starts.upperBound,
            let offset = firstMatch(needle, fold: fold, startingIn: from..<starts.upperBound, anchor: anchor)
        {
            last = offset
            from = offset + 1
        }
        return last
    }

    /// The index of the needle byte that is rarest in a sample of the document, so `memchr`
    /// stops on as few false candidates as possible (a query starting with `"` in JSON would
    /// otherwise stop every few bytes).
    func anchor(for needle: [UInt8], fold: Bool) -> Int {
        guard needle.count > 1 else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes.prefix(65_536) {
            counts[Int(fold && byte >= 65 && byte <= 90 ? byte + 32 : byte)] += 1
        }
        var best = 0
        for index in needle.indices {
            let byte = needle[index]
            let folded = fold && byte >= 65 && byte <= 90 ? byte + 32 : byte
            let bestByte = needle[best]
            let bestFolded = fold && bestByte >= 65 && bestByte <= 90 ? bestByte + 32 : bestByte
            if counts[Int(folded)] < counts[Int(bestFolded)] { best = index }
        }
        return best
    }

    static func caseVariants(_ byte: UInt8) -> [UInt8] {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return [byte, byte - 32]
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return [byte, byte + 32]
        default: return [byte]
        }
    }

    static func equal(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, count: Int, fold: Bool) -> Bool {
        if !fold { return memcmp(left, right, count) == 0 }
        for index in 0..<count {
            var a = left[index]
            var b = right[index]
            if a >= 65 && a <= 90 { a += 32 }
            if b >= 65 && b <= 90 { b += 32 }
            if a != b { return false }
        }
        return true
    }
}
