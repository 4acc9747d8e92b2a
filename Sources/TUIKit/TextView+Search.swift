extension TextView {
    /// Searches for `query` from `start` (by default just after the current match, or the top
    /// of the screen), remembers it for `n`/`N` and highlighting, and scrolls the match into
    /// view. Returns the match, or nil (and no current match) when the text does not occur.
    @discardableResult
    public mutating func search(_ query: String, from start: TextPosition? = nil, direction: SearchDirection = .forward) -> TextMatch? {
        guard !query.isEmpty else {
            clearSearch()
            return nil
        }
        let origin: TextPosition
        if let start {
            origin = start
        } else if let currentMatch, searchQuery == query {
            origin = direction == .forward
                ? TextPosition(line: currentMatch.line, byteOffset: currentMatch.byteRange.lowerBound + 1)
                : currentMatch.position
        } else {
            origin = TextPosition(line: topLine)
        }
        searchQuery = query
        currentMatch = document.search(query, from: origin, direction: direction)
        if let currentMatch { reveal(currentMatch) }
        return currentMatch
    }

    /// Finds the next match of the current query.
    @discardableResult
    public mutating func findNext() -> TextMatch? {
        guard let searchQuery else { return nil }
        return search(searchQuery, direction: .forward)
    }

    /// Finds the previous match of the current query.
    @discardableResult
    public mutating func findPrevious() -> TextMatch? {
        guard let searchQuery else { return nil }
        return search(searchQuery, direction: .backward)
    }

    /// Forgets the query and its highlighting.
    public mutating func clearSearch() {
        searchQuery = nil
        currentMatch = nil
    }

    /// Scrolls so the match is on screen, a third of the way down, and sideways into view.
    public mutating func reveal(_ match: TextMatch) {
        let height = max(1, viewportSize.height)
        if match.line < topLine || match.line >= topLine + height {
            scroll(toLine: match.line - height / 3)
        }
        let textWidth = max(1, viewportSize.width - gutterWidth(available: viewportSize.width))
        let startColumn = displayColumn(ofByte: match.byteRange.lowerBound, inLine: match.line)
        let endColumn = displayColumn(ofByte: match.byteRange.upperBound, inLine: match.line)
        if startColumn < leftColumn || endColumn > leftColumn + textWidth {
            scroll(toColumn: endColumn - startColumn >= textWidth ? startColumn : startColumn - textWidth / 3)
        }
    }

    /// The display column (cells, tabs expanded, controls escaped) where byte `offset` of the
    /// line starts.
    func displayColumn(ofByte offset: Int, inLine index: Int) -> Int {
        let text = document.line(index)
        var bytes = 0
        var column = 0
        for character in text {
            if bytes >= offset { break }
            bytes += character.utf8.count
            if character == "\t" {
                column += tabWidth - column % tabWidth
            } else {
                column += TextWidth.cells(of: SafeDisplay.visible(String(character)))
            }
        }
        return column
    }
}
