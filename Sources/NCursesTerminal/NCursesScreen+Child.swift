import TUIKit

extension NCursesScreen {
    /// Leaves curses mode (`endwin`: the terminal is back to normal), runs `body` — which
    /// starts a child such as `$EDITOR` on the terminal and waits for it — and returns to
    /// curses mode; the next `paint` redraws every cell.
    public func runOutsideCurses<T>(_ body: () throws -> T) rethrows -> T {
        suspend()
        defer {
            invalidate()
            terminalGuard?.setProgramMode(true)
        }
        return try body()
    }
}
