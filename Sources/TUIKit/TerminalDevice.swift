/// A full-screen terminal as the run loop sees it: a size, a way to show a buffer, and keys.
///
/// `NCursesScreen` is the real one; tests use the strict `FakeTerminal` from TestSupport.
public protocol TerminalDevice: AnyObject {
    /// The current size in cells.
    func size() -> Size
    /// Shows `buffer` styled by `theme`.
    func paint(_ buffer: ScreenBuffer, theme: Theme)
    /// The next key, waiting up to `timeoutMilliseconds` (forever when nil); nil on timeout.
    func readKey(timeoutMilliseconds: Int?) -> Key?
    /// The glyphs the terminal can show.
    var glyphs: GlyphSet { get }
}
