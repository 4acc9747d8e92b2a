import TestSupport
import Testing

@Suite("The tmux harness", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct TmuxHarnessTests {
    @Test("runs a command in a private server and reads the whole screen, wide text included")
    func readsTheScreen() async throws {
        let tmux = try Tmux(width: 40, height: 10, command: "printf 'hello\\n日本語 ok\\n'; sleep 30")
        defer { tmux.kill() }
        let screen = try await tmux.waitFor(text: "hello")
        #expect(screen.count == 10)
        #expect(screen.prefix(2) == ["hello", "日本語 ok"])
    }

    @Test("resizing the window delivers SIGWINCH to the program (its signal mask was reset)")
    func resize() async throws {
        let tmux = try Tmux(
            width: 50, height: 12, command: "trap 'stty size' WINCH; echo ready; while :; do sleep 0.05; done")
        defer { tmux.kill() }
        try await tmux.waitFor(text: "ready")
        try tmux.resize(width: 33, height: 7)
        let screen = try await tmux.waitFor(text: "7 33")
        #expect(screen.count == 7)
    }

    @Test("keys and text reach the program, and its exit status is read from the screen")
    func keysAndExitStatus() async throws {
        let tmux = try Tmux(width: 40, height: 6, command: "read line; echo \"got:$line\"; exit 3", environment: ["GREETING": "it's"])
        defer { tmux.kill() }
        try tmux.sendText("abc $HOME")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor(text: "got:abc $HOME")
        #expect(try await tmux.waitForExit() == 3)
        let echo = try Tmux(width: 40, height: 6, command: "echo \"$GREETING $LANG\"", environment: ["GREETING": "it's"])
        defer { echo.kill() }
        #expect(try await echo.waitForExit() == 0)
        #expect(try echo.capturePane().first == "it's C.UTF-8")
    }

    @Test("waiting for text that never comes times out with the last screen")
    func timeout() async throws {
        let tmux = try Tmux(width: 30, height: 4, command: "echo nothing here; sleep 30")
        defer { tmux.kill() }
        await #expect(throws: TmuxError.self) { try await tmux.waitFor(text: "never", timeout: .milliseconds(300)) }
        do {
            try await tmux.waitFor(text: "never", timeout: .milliseconds(100))
        } catch {
            #expect(error.description.contains("nothing here"))
        }
    }

    @Test("exit markers are parsed from captured lines")
    func exitMarkers() {
        #expect(Tmux.exitStatus(in: ["x", "[exit:130]", ""]) == 130)
        #expect(Tmux.exitStatus(in: ["no marker"]) == nil)
    }
}
