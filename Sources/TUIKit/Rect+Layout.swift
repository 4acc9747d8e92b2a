extension Rect {
    /// Splits the rectangle into stacked rows, top to bottom.
    ///
    /// Fixed and percentage parts get their size; flexible parts share the rest by weight
    /// and never go below their minimum while space remains. When the whole does not fit,
    /// flexible parts shrink first (last first), then percentages, then fixed parts (last
    /// first), so headers stay visible longest. Parts may end up with height 0.
    public func rows(_ lengths: [LayoutLength]) -> [Rect] {
        var top = y
        return Rect.distribute(height, lengths).map { size in
            defer { top += size }
            return Rect(x: x, y: top, width: width, height: size)
        }
    }

    /// Splits the rectangle into side-by-side columns, left to right; see `rows(_:)`.
    public func columns(_ lengths: [LayoutLength]) -> [Rect] {
        var left = x
        return Rect.distribute(width, lengths).map { size in
            defer { left += size }
            return Rect(x: left, y: y, width: size, height: height)
        }
    }

    /// Splits off the top `rows` rows (clamped): `(top, rest)`.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let parts = self.rows([.fixed(rows), .fill])
        return (parts[0], parts[1])
    }

    /// Splits off the bottom `rows` rows (clamped): `(rest, bottom)`.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let bottomHeight = min(max(0, rows), height)
        return (
            Rect(x: x, y: y, width: width, height: height - bottomHeight),
            Rect(x: x, y: maxY - bottomHeight, width: width, height: bottomHeight)
        )
    }

    /// Splits into left and right parts: the left takes `leftPercent` percent but both keep
    /// their minimum widths when possible.
    public func splitHorizontally(leftPercent: Int, minLeft: Int = 0, minRight: Int = 0) -> (left: Rect, right: Rect) {
        let parts = Rect.splitPair(total: width, firstPercent: leftPercent, minFirst: minLeft, minSecond: minRight)
        return (
            Rect(x: x, y: y, width: parts.0, height: height),
            Rect(x: x + parts.0, y: y, width: parts.1, height: height)
        )
    }

    /// Splits into top and bottom parts: the top takes `topPercent` percent but both keep
    /// their minimum heights when possible.
    public func splitVertically(topPercent: Int, minTop: Int = 0, minBottom: Int = 0) -> (top: Rect, bottom: Rect) {
        let parts = Rect.splitPair(total: height, firstPercent: topPercent, minFirst: minTop, minSecond: minBottom)
        return (
            Rect(x: x, y: y, width: width, height: parts.0),
            Rect(x: x, y: y + parts.0, width: width, height: parts.1)
        )
    }

    static func splitPair(total: Int, firstPercent: Int, minFirst: Int, minSecond: Int) -> (Int, Int) {
        let total = max(0, total)
        var first = total * min(100, max(0, firstPercent)) / 100
        first = max(first, min(minFirst, total))
        if total - first < minSecond {
            first = max(min(minFirst, total), total - minSecond)
        }
        first = min(max(0, first), total)
        return (first, total - first)
    }

    static func distribute(_ total: Int, _ lengths: [LayoutLength]) -> [Int] {
        let total = max(0, total)
        var sizes = lengths.map { length -> Int in
            switch length {
            case .fixed(let n): return max(0, n)
            case .percent(let p): return total * min(100, max(0, p)) / 100
            case .flexible(let minimum, _): return max(0, minimum)
            }
        }
        var excess = sizes.reduce(0, +) - total
        if excess > 0 {
            let shrinkOrder: [(LayoutLength) -> Bool] = [
                { if case .flexible = $0 { return true } else { return false } },
                { if case .percent = $0 { return true } else { return false } },
                { if case .fixed = $0 { return true } else { return false } },
            ]
            for matches in shrinkOrder {
                for index in lengths.indices.reversed() where excess > 0 && matches(lengths[index]) {
                    let cut = min(sizes[index], excess)
                    sizes[index] -= cut
                    excess -= cut
                }
            }
            return sizes
        }
        var leftover = -excess
        let flexible = lengths.indices.compactMap { index -> (Int, Int)? in
            if case .flexible(_, let weight) = lengths[index] { return (index, max(1, weight)) }
            return nil
        }
        guard !flexible.isEmpty, leftover > 0 else { return sizes }
        let totalWeight = flexible.reduce(0) { $0 + $1.1 }
        var given = 0
        for (index, weight) in flexible {
            let share = leftover * weight / totalWeight
            sizes[index] += share
            given += share
        }
        leftover -= given
        for (index, _) in flexible where leftover > 0 {
            sizes[index] += 1
            leftover -= 1
        }
        return sizes
    }
}
