import CNCursesW
import Foundation
import TUIKit

#if canImport(Glibc)
    import Glibc
#endif

/// The full-screen terminal: paints `ScreenBuffer`s with ncursesw and reads keys.
///
/// Use one screen from one thread (or actor). The only other caller is `TerminalGuard`,
/// which may restore the terminal from its watcher thread on a signal; every curses call is
/// therefore made under one lock, and calls after `stop()` do nothing.
///
/// Painting writes only the cells that changed since the last frame into curses' virtual
/// screen; `wrefresh` then sends only the difference to the terminal.
public final class NCursesScreen: TerminalDevice, @unchecked Sendable {
    // @unchecked: all mutable state and every curses call are guarded by `lock`.

    private enum State {
        case idle
        case active
        case stopped
    }

    struct PairKey: Hashable {
        let foreground: Int16
        let background: Int16
    }

    private let lock = NSLock()
    let terminalGuard: TerminalGuard?
    private var state = State.idle
    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var inputFile: UnsafeMutablePointer<FILE>?
    private var outputFile: UnsafeMutablePointer<FILE>?
    var colorsEnabled = false
    var hasDefaultColors = false
    var paletteSize = 0
    var pairs: [PairKey: Int16] = [:]
    var nextPair: Int16 = 1
    private var lastFrame: ScreenBuffer?
    private var lastTheme: Theme?
    private var cursorVisible = false
    private var guardTokens: [TerminalGuard.Token] = []
    var utf8Locale = false

    /// Creates a screen that registers its restoration with `terminalGuard` (nil for none).
    public init(terminalGuard: TerminalGuard? = .shared) {
        self.terminalGuard = terminalGuard
    }

    /// True when stdin and stdout are terminals and TERM names a real terminal.
    public static func isUsableTerminal(
        environment: [String: String], standardInput: Int32 = STDIN_FILENO, standardOutput: Int32 = STDOUT_FILENO
    ) -> Bool {
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return false }
        return isatty(standardInput) == 1 && isatty(standardOutput) == 1
    }

    /// True when the locale is UTF-8, so Unicode glyphs can be shown (set by `start`).
    public var supportsUnicode: Bool {
        lock.lock()
        defer { lock.unlock() }
        return utf8Locale
    }

    /// The glyph set the terminal can show: Unicode in a UTF-8 locale, ASCII otherwise.
    public var glyphs: GlyphSet { supportsUnicode ? .unicode : .ascii }

    /// True when colors are in use (asked for and supported).
    public var hasColors: Bool {
        lock.lock()
        defer { lock.unlock() }
        return colorsEnabled
    }

    /// Takes over the terminal: locale, curses, cbreak, no echo, keypad, no newline
    /// translation, hidden cursor, a 25 ms Escape delay, and colors when `colors` is true and
    /// the terminal has them (with the terminal's default colors where supported).
    public func start(colors: Bool) throws(TerminalError) {
        lock.lock()
        defer { lock.unlock() }
        guard state == .idle else { throw .alreadyStarted }
        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(Int32(CODESET)) {
            utf8Locale = String(cString: codeset).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        }
        _ = set_escdelay(25)
        // newterm rather than initscr: initscr exits the process when TERM is unknown.
        inputFile = fdopen(dup(STDIN_FILENO), "r")
        outputFile = fdopen(dup(STDOUT_FILENO), "w")
        guard let inputFile, let outputFile, let newScreen = newterm(nil, outputFile, inputFile) else {
            if let inputFile { fclose(inputFile) }
            if let outputFile { fclose(outputFile) }
            inputFile = nil
            outputFile = nil
            throw .unknownTerminalType(ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        screen = newScreen
        guard let stdscr = cncurses_stdscr() else { throw .unknownTerminalType(ProcessInfo.processInfo.environment["TERM"] ?? "") }
        window = stdscr
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = intrflush(stdscr, false)
        _ = keypad(stdscr, true)
        _ = curs_set(0)
        cursorVisible = false
        _ = set_escdelay(25)
        if colors, has_colors() {
            _ = start_color()
            hasDefaultColors = use_default_colors() == OK
            paletteSize = Int(cncurses_COLORS())
            colorsEnabled = paletteSize >= 8
        }
        state = .active
        terminalGuard?.setProgramMode(true)
        if let terminalGuard {
            guardTokens = [
                terminalGuard.addCleanup(stage: .terminal) { [self] in self.stop() },
                terminalGuard.addSuspendHandler { [self] in self.suspend() },
                terminalGuard.addResumeHandler { [self] in self.invalidate() },
            ]
        }
    }

    /// The terminal size in cells (0×0 when not started).
    public func size() -> Size {
        lock.lock()
        defer { lock.unlock() }
        guard state == .active, let window else { return Size(width: 0, height: 0) }
        return Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    /// Draws `buffer` with `theme` and refreshes; cells outside the terminal are clipped.
    public func paint(_ buffer: ScreenBuffer, theme: Theme) {
        lock.lock()
        defer { lock.unlock() }
        guard state == .active, let window else { return }
        let width = min(buffer.width, Int(getmaxx(window)))
        let height = min(buffer.height, Int(getmaxy(window)))
        let previous = (lastTheme == theme && lastFrame?.size == buffer.size) ? lastFrame : nil
        if previous == nil {
            // A full repaint: also clear whatever the buffer does not cover.
            _ = werase(window)
        }
        for y in 0..<max(0, height) {
            for x in 0..<max(0, width) {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                if let previous, previous[x, y] == cell, previous[x + 1, y].isContinuation == buffer[x + 1, y].isContinuation {
                    continue
                }
                draw(cell, x: x, y: y, maxX: width, style: theme[cell.role], window: window)
            }
        }
        if let cursor = buffer.cursor, cursor.x >= 0, cursor.x < width, cursor.y >= 0, cursor.y < height {
            _ = wmove(window, Int32(cursor.y), Int32(cursor.x))
            if !cursorVisible {
                _ = curs_set(1)
                cursorVisible = true
            }
        } else if cursorVisible {
            _ = curs_set(0)
            cursorVisible = false
        }
        _ = wrefresh(window)
        lastFrame = buffer
        lastTheme = theme
    }

    /// Forgets the last frame so the next `paint` rewrites every cell and the terminal is
    /// repainted in full (after a resume or when the screen may be corrupted).
    public func invalidate() {
        lock.lock()
        defer { lock.unlock() }
        lastFrame = nil
        if state == .active, let window { _ = clearok(window, true) }
    }

    /// Restores the terminal (`endwin`). Idempotent and safe from any exit path; after it,
    /// `paint` and `readKey` do nothing.
    public func stop() {
        lock.lock()
        guard state == .active else {
            state = .stopped
            lock.unlock()
            return
        }
        state = .stopped
        _ = endwin()
        terminalGuard?.setProgramMode(false)
        if let screen { delscreen(screen) }
        screen = nil
        window = nil
        if let inputFile { fclose(inputFile) }
        if let outputFile { fclose(outputFile) }
        inputFile = nil
        outputFile = nil
        let tokens = guardTokens
        guardTokens = []
        lock.unlock()
        for token in tokens { terminalGuard?.remove(token) }
    }

    /// Leaves curses mode before the process stops (SIGTSTP); the next `paint` returns to it.
    func suspend() {
        lock.lock()
        defer { lock.unlock() }
        guard state == .active else { return }
        _ = endwin()
        terminalGuard?.setProgramMode(false)
        lastFrame = nil
    }

    /// Waits up to `timeoutMilliseconds` (forever when nil or negative) for a key.
    /// Returns `.resize` when the terminal changed size or must be redrawn, nil on timeout.
    public func readKey(timeoutMilliseconds: Int?) -> Key? {
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds.flatMap { $0 >= 0 ? clock.now.advanced(by: .milliseconds($0)) : nil }
        while true {
            if let key = nextBufferedKey() { return key }
            let remaining: Int32
            if let deadline {
                let left = clock.now.duration(to: deadline)
                guard left > .zero else { return nil }
                let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
                remaining = Int32(min(250, max(1, milliseconds)))
            } else {
                remaining = 250
            }
            lock.lock()
            let active = state == .active
            lock.unlock()
            guard active else { return nil }
            var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
            if let wake = terminalGuard?.wakeDescriptor, wake >= 0 {
                descriptors.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0))
            }
            _ = poll(&descriptors, nfds_t(descriptors.count), remaining)
        }
    }

    /// A wake-up from the guard, or a key curses already has (without waiting).
    private func nextBufferedKey() -> Key? {
        let wakeReasons = terminalGuard?.drainWakeReasons() ?? []
        lock.lock()
        defer { lock.unlock() }
        guard state == .active, let window else { return nil }
        if !wakeReasons.isEmpty {
            if wakeReasons.contains(.resumed) {
                lastFrame = nil
                _ = clearok(window, true)
                terminalGuard?.setProgramMode(true)
            }
            resizeToTerminal()
            return .resize
        }
        wtimeout(window, 0)
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        switch result {
        case KEY_CODE_YES:
            let key = NCursesScreen.functionKey(Int32(bitPattern: character))
            if key == .resize { lastFrame = nil }
            return key
        case OK:
            if character == 0x1B { return escapeSequence(window) }
            return Key(characterCode: UInt32(character))
        default:
            return nil
        }
    }

    /// Brings curses to the terminal's current size (our SIGWINCH handler replaces ncurses').
    private func resizeToTerminal() {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else { return }
        if is_term_resized(Int32(size.ws_row), Int32(size.ws_col)) {
            _ = resizeterm(Int32(size.ws_row), Int32(size.ws_col))
            lastFrame = nil
        }
    }
}
