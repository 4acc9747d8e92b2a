/// Colors the lines of a `TextView` (the JSON highlighter plugs in here). Called only for
/// lines on screen, so it may be as slow as a line is long but never sees the whole document.
public protocol LineStyler: Sendable {
    /// The styled ranges of `line` (line `lineNumber`, from 0). Spans should not overlap;
    /// where they do, the later one wins. Text outside every span keeps the view's base role;
    /// search matches are drawn over the spans.
    func spans(forLine line: String, lineNumber: Int) -> [StyleSpan]
}
