import Testing
import TUIKit

/// A strict stand-in for `NCursesScreen`: it plays a script of keys, records every frame,
/// and records a test issue for any call the script did not expect (reading past the end of
/// the script, painting a buffer of the wrong size).
public final class FakeTerminal: TerminalDevice {

    /// One scripted input: a key, a resize (delivered as `.resize`), or a timeout (nil).
    public enum Event: Sendable, Hashable {
        /// `readKey` returns this key.
        case key(Key)
        /// The terminal takes this size and `readKey` returns `.resize`.
        case resize(Size)
        /// `readKey` returns nil, as when its timeout passes.
        case timeout
    }

    /// The glyphs the fake claims to support.
    public let glyphs: GlyphSet
    /// Every painted buffer, in order.
    public private(set) var frames: [ScreenBuffer] = []
    /// The theme of the last paint.
    public private(set) var lastTheme: Theme?
    private var currentSize: Size
    private var script: [Event]
    private let sourceLocation: SourceLocation

    /// Creates a fake of `size` that will play `script`.
    public init(size: Size, glyphs: GlyphSet = .unicode, script: [Event], sourceLocation: SourceLocation = #_sourceLocation) {
        self.currentSize = size
        self.glyphs = glyphs
        self.script = script
        self.sourceLocation = sourceLocation
    }

    /// Scripts keys only.
    public convenience init(size: Size, keys: [Key], sourceLocation: SourceLocation = #_sourceLocation) {
        self.init(size: size, script: keys.map(Event.key), sourceLocation: sourceLocation)
    }

    /// The last painted frame as plain text (empty before the first paint).
    public var screenText: String { frames.last.map(PlainTextSnapshot.text(of:)) ?? "" }

    /// True when every scripted event has been delivered.
    public var isFinished: Bool { script.isEmpty }

    /// The current size.
    public func size() -> Size { currentSize }

    /// Records the frame; a buffer that is not the terminal's size is an issue.
    public func paint(_ buffer: ScreenBuffer, theme: Theme) {
        if buffer.size != currentSize {
            Issue.record("painted a \(buffer.size) buffer on a \(currentSize) terminal", sourceLocation: sourceLocation)
        }
        frames.append(buffer)
        lastTheme = theme
    }

    /// Plays the next scripted event; reading past the end is an issue (and returns Ctrl-C so
    /// a run loop under test stops).
    public func readKey(timeoutMilliseconds: Int?) -> Key? {
        guard !script.isEmpty else {
            Issue.record("readKey called after the script ended", sourceLocation: sourceLocation)
            return .ctrl("c")
        }
        switch script.removeFirst() {
        case .key(let key): return key
        case .resize(let size):
            currentSize = size
            return .resize
        case .timeout: return nil
        }
    }
}
