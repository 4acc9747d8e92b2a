extension TextWidth {
    /// The longest prefix of `text` that fits in `width` cells.
    public static func prefix(_ text: String, fittingCells width: Int) -> String {
        guard width > 0 else { return "" }
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let cellCount = cells(of: text[index])
            if used + cellCount > width { break }
            used += cellCount
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// `text` shortened to at most `width` cells, ending with `ellipsis` when something was cut.
    /// When even the ellipsis does not fit, the text is cut without it.
    public static func truncate(_ text: String, toCells width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if cells(of: text) <= width { return text }
        let ellipsisWidth = cells(of: ellipsis)
        guard ellipsisWidth < width else { return prefix(text, fittingCells: width) }
        return prefix(text, fittingCells: width - ellipsisWidth) + ellipsis
    }

    /// `text` shortened in the middle to at most `width` cells (`abc…xyz`), keeping both ends
    /// readable, as for IDs and URLs.
    public static func truncateMiddle(_ text: String, toCells width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if cells(of: text) <= width { return text }
        let ellipsisWidth = cells(of: ellipsis)
        guard ellipsisWidth < width else { return prefix(text, fittingCells: width) }
        let room = width - ellipsisWidth
        let head = prefix(text, fittingCells: room - room / 2)
        var tail = ""
        var used = 0
        for character in text.reversed() {
            let cellCount = cells(of: character)
            if used + cellCount > room / 2 { break }
            used += cellCount
            tail.insert(character, at: tail.startIndex)
        }
        return head + ellipsis + tail
    }

    /// `text` padded with spaces on the right to exactly `width` cells (truncated if longer).
    public static func pad(_ text: String, toCells width: Int) -> String {
        let fitted = prefix(text, fittingCells: width)
        let missing = width - cells(of: fitted)
        return missing > 0 ? fitted + String(repeating: " ", count: missing) : fitted
    }
}
