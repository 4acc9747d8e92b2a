import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The write end of the self-pipe; written once by `install()` before any handler can run.
private nonisolated(unsafe) var signalPipeWriteDescriptor: Int32 = -1
/// 1 while curses owns the terminal, so the crash handler knows whether to restore it.
private nonisolated(unsafe) var terminalIsInProgramMode: Int32 = 0
/// The terminal settings from before curses started, for the crash handler.
private nonisolated(unsafe) var savedTerminalSettings = termios()
/// 1 when `savedTerminalSettings` holds settings.
private nonisolated(unsafe) var hasSavedTerminalSettings: Int32 = 0
/// The actions that were installed for crash signals before ours, indexed by signal number.
private nonisolated(unsafe) var previousCrashActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

/// The only work done inside a signal handler: one `write` of the signal number to the
/// self-pipe (async-signal-safe), with `errno` preserved.
private func forwardSignal(_ signalNumber: Int32) {
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: signalNumber)
    _ = write(signalPipeWriteDescriptor, &byte, 1)
    errno = savedErrno
}

/// On a crash signal: put the tty back to the saved settings (`tcsetattr` is
/// async-signal-safe), leave the alternate screen and show the cursor, then reinstate the
/// previous action and return, so the crash proceeds as before (Swift's backtracer or core).
private func restoreTerminalOnCrash(_ signalNumber: Int32) {
    if terminalIsInProgramMode != 0 {
        if hasSavedTerminalSettings != 0 {
            _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminalSettings)
        }
        let reset: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"
        _ = write(STDOUT_FILENO, reset.utf8Start, reset.utf8CodeUnitCount)
        terminalIsInProgramMode = 0
    }
    _ = sigaction(signalNumber, previousCrashActions + Int(signalNumber), nil)
    if signalNumber == SIGABRT { _ = raise(signalNumber) }
}

/// Restores the terminal on every way out of the process and makes job control work.
///
/// Signals are handled with a self-pipe: the handler for SIGINT, SIGTERM, SIGHUP, SIGTSTP,
/// SIGCONT and SIGWINCH only writes the signal number to a pipe; a dedicated watcher thread
/// reads it and does the real work outside signal context. (DispatchSource signal sources
/// were not used: on Linux they need the signal ignored or blocked in every thread, and an
/// ignored SIGINT would be inherited by child processes such as `$EDITOR`.)
///
/// - SIGINT, SIGTERM, SIGHUP: run the cleanups (terminal stage first — `endwin` — then the
///   application stage, e.g. saving the journal) and exit with status 128 + signal (130 for
///   SIGINT).
/// - SIGTSTP: run the suspend handlers (`endwin`), then stop the process with the default
///   action; SIGCONT runs the resume handlers and wakes the UI to redraw.
/// - SIGWINCH: wakes the UI (`NCursesScreen.readKey` returns `.resize`).
/// - Normal exit: the cleanups run from `atexit`.
/// - Crashes (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT): the tty settings saved at
///   `install()` are put back before the previous handler runs.
///
/// Cleanups run once, whichever path comes first. On a signal they run on the watcher
/// thread, so they must not wait for the UI thread. Install the guard before starting curses
/// so ncurses does not install its own handlers for these signals. Signals ignored or handled
/// here are reset for child processes only by `posix_spawn` with `POSIX_SPAWN_SETSIGDEF`
/// (handled ones are reset by `exec` anyway); start `$EDITOR` after `NCursesScreen.stop()` or
/// a suspend, never while curses owns the terminal.
public final class TerminalGuard: @unchecked Sendable {
    // @unchecked: every mutable property is guarded by `lock`.

    /// The process-wide guard (signal handlers are process-wide too).
    public static let shared = TerminalGuard()

    /// When a cleanup runs: terminal restoration before everything else, so messages that
    /// application cleanups print land on a normal screen.
    public enum Stage: Sendable, Hashable {
        /// Restores the terminal (`endwin`).
        case terminal
        /// Everything else (saving the journal).
        case application
    }

    /// Identifies a registered handler so it can be removed.
    public struct Token: Sendable, Hashable {
        let id: Int
    }

    /// What the watcher tells the UI thread through the wake pipe.
    enum WakeReason: UInt8 {
        case resized = 0x57  // "W"
        case resumed = 0x43  // "C"
    }

    private struct Handler {
        let id: Int
        let stage: Stage
        let body: @Sendable () -> Void
    }

    private let lock = NSLock()
    private var isInstalled = false
    private var hasCleanedUp = false
    private var nextID = 0
    private var cleanups: [Handler] = []
    private var suspendHandlers: [Handler] = []
    private var resumeHandlers: [Handler] = []
    private var wakeDescriptors: (read: Int32, write: Int32) = (-1, -1)
    private var childInForeground = false

    private init() {}

    /// The read end of the pipe the UI thread polls beside stdin (-1 before `install()`).
    var wakeDescriptor: Int32 {
        lock.lock()
        defer { lock.unlock() }
        return wakeDescriptors.read
    }

    /// True once `install()` has run.
    public var installed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return isInstalled
    }

    /// Installs the signal handlers, the watcher thread and the `atexit` hook. Idempotent.
    public func install() {
        lock.lock()
        defer { lock.unlock() }
        guard !isInstalled else { return }
        // Touch every global the handlers read, so none is lazily initialized in a handler.
        _ = (signalPipeWriteDescriptor, terminalIsInProgramMode, hasSavedTerminalSettings, previousCrashActions)
        _ = savedTerminalSettings
        var signalPipe: [Int32] = [-1, -1]
        var wakePipe: [Int32] = [-1, -1]
        guard pipe(&signalPipe) == 0, pipe(&wakePipe) == 0 else { return }
        for descriptor in signalPipe + wakePipe {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        // A full pipe must never block a signal handler, nor the UI thread draining it.
        for descriptor in [signalPipe[1], wakePipe[0], wakePipe[1]] {
            _ = fcntl(descriptor, F_SETFL, O_NONBLOCK)
        }
        signalPipeWriteDescriptor = signalPipe[1]
        wakeDescriptors = (wakePipe[0], wakePipe[1])
        isInstalled = true

        if isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &savedTerminalSettings) == 0 {
            hasSavedTerminalSettings = 1
        }
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGWINCH] {
            TerminalGuard.setHandler(forwardSignal, for: signalNumber)
        }
        for signalNumber in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = restoreTerminalOnCrash
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(SA_NODEFER)
            _ = sigaction(signalNumber, &action, previousCrashActions + Int(signalNumber))
        }
        let readDescriptor = signalPipe[0]
        let thread = Thread { [self] in self.watch(readDescriptor) }
        thread.name = "TerminalGuard"
        thread.start()
        atexit { TerminalGuard.shared.runCleanups() }
    }

    /// Registers a cleanup to run once on exit, on SIGINT/SIGTERM/SIGHUP, or by `runCleanups()`.
    /// Within a stage, the last registered runs first.
    @discardableResult
    public func addCleanup(stage: Stage = .application, _ body: @escaping @Sendable () -> Void) -> Token {
        register(stage: stage, body, in: \.cleanups)
    }

    /// Registers a handler run before the process stops on SIGTSTP (restore the terminal).
    @discardableResult
    public func addSuspendHandler(_ body: @escaping @Sendable () -> Void) -> Token {
        register(stage: .terminal, body, in: \.suspendHandlers)
    }

    /// Registers a handler run after the process continues (SIGCONT): mark for a full redraw.
    @discardableResult
    public func addResumeHandler(_ body: @escaping @Sendable () -> Void) -> Token {
        register(stage: .terminal, body, in: \.resumeHandlers)
    }

    /// Removes a cleanup, suspend or resume handler.
    public func remove(_ token: Token) {
        lock.lock()
        defer { lock.unlock() }
        cleanups.removeAll { $0.id == token.id }
        suspendHandlers.removeAll { $0.id == token.id }
        resumeHandlers.removeAll { $0.id == token.id }
    }

    /// Runs every cleanup once (terminal stage first, each stage last-registered first).
    /// Later calls do nothing.
    public func runCleanups() {
        lock.lock()
        guard !hasCleanedUp else {
            lock.unlock()
            return
        }
        hasCleanedUp = true
        let ordered =
            cleanups.filter { $0.stage == .terminal }.reversed()
            + cleanups.filter { $0.stage == .application }.reversed()
        lock.unlock()
        for handler in ordered { handler.body() }
    }

    /// Runs `body` (which starts a child such as `$EDITOR` on the terminal and waits for it)
    /// with Ctrl-C left to the child, as git does for its editor: SIGINT does not end this
    /// process meanwhile, and SIGQUIT is ignored. SIGTERM and SIGHUP still run the cleanups.
    public func whileChildRuns<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        childInForeground = true
        lock.unlock()
        let previousQuit = signal(SIGQUIT, SIG_IGN)
        defer {
            _ = signal(SIGQUIT, previousQuit)
            lock.lock()
            childInForeground = false
            lock.unlock()
        }
        return try body()
    }

    private var isChildInForeground: Bool {
        lock.lock()
        defer { lock.unlock() }
        return childInForeground
    }

    /// Tells the crash handler whether curses currently owns the terminal.
    func setProgramMode(_ active: Bool) {
        terminalIsInProgramMode = active ? 1 : 0
    }

    /// Reads and empties the wake pipe; returns the reasons, oldest first.
    func drainWakeReasons() -> [WakeReason] {
        let descriptor = wakeDescriptor
        guard descriptor >= 0 else { return [] }
        var reasons: [WakeReason] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            reasons += buffer[0..<count].compactMap(WakeReason.init(rawValue:))
        }
        return reasons
    }

    private func register(
        stage: Stage, _ body: @escaping @Sendable () -> Void, in list: ReferenceWritableKeyPath<TerminalGuard, [Handler]>
    ) -> Token {
        lock.lock()
        defer { lock.unlock() }
        nextID += 1
        self[keyPath: list].append(Handler(id: nextID, stage: stage, body: body))
        return Token(id: nextID)
    }

    private func wake(_ reason: WakeReason) {
        lock.lock()
        let descriptor = wakeDescriptors.write
        lock.unlock()
        var byte = reason.rawValue
        _ = write(descriptor, &byte, 1)
    }

    private func handlers(_ list: KeyPath<TerminalGuard, [Handler]>) -> [Handler] {
        lock.lock()
        defer { lock.unlock() }
        return self[keyPath: list]
    }

    /// The watcher thread: turns signal numbers from the self-pipe into actions.
    private func watch(_ descriptor: Int32) {
        var byte: UInt8 = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { return }
            let signalNumber = Int32(byte)
            switch signalNumber {
            case SIGINT where isChildInForeground:
                continue  // Ctrl-C belongs to the child (an editor) while it runs
            case SIGINT, SIGTERM, SIGHUP:
                runCleanups()
                // _exit, not exit: other threads keep running, and atexit work is done.
                fflush(nil)
                _exit(128 + signalNumber)
            case SIGTSTP:
                for handler in handlers(\.suspendHandlers).reversed() { handler.body() }
                suspendWithDefaultAction()
            case SIGCONT:
                for handler in handlers(\.resumeHandlers) { handler.body() }
                wake(.resumed)
            case SIGWINCH:
                wake(.resized)
            default:
                break
            }
        }
    }

    /// Stops the process the way SIGTSTP would have, then reinstalls the handler.
    private func suspendWithDefaultAction() {
        _ = signal(SIGTSTP, SIG_DFL)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGTSTP)
        _ = pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        _ = raise(SIGTSTP)
        // Execution continues here after SIGCONT.
        TerminalGuard.setHandler(forwardSignal, for: SIGTSTP)
    }

    private static func setHandler(_ handler: @escaping @convention(c) (Int32) -> Void, for signalNumber: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = Int32(SA_RESTART)
        _ = sigaction(signalNumber, &action, nil)
    }
}
