#!/usr/bin/env bash
# Smoke-tests the terminal layer (TUIKit + NCursesTerminal) in a real terminal.
#
# Builds scripts/tui-demo/main.swift as a throwaway package outside the repository (the
# package gets no demo product) and drives it under a private tmux server: first frame, wide
# text, escaped control characters, keys, resize and the too-small screen, Ctrl-Z / fg,
# Ctrl-C and SIGTERM exit statuses, and that the terminal is restored afterwards.
# Usage: scripts/tui-smoke.sh    (TUI_SMOKE_DIR picks the build directory, default /tmp/tui-smoke)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${TUI_SMOKE_DIR:-/tmp/tui-smoke}
mkdir -p "$work/Sources/tui-demo"
for target in CNCursesW TUIKit NCursesTerminal; do
  rm -rf "${work:?}/Sources/$target"
  cp -a "$root/Sources/$target" "$work/Sources/$target"
done
cp "$root/scripts/tui-demo/main.swift" "$work/Sources/tui-demo/main.swift"
cat > "$work/Package.swift" <<'SWIFT'
// swift-tools-version:6.1
import PackageDescription
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
let package = Package(
    name: "tui-demo",
    targets: [
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW", pkgConfig: "ncursesw"),
        .target(name: "TUIKit", swiftSettings: strict),
        .target(name: "NCursesTerminal", dependencies: ["CNCursesW", "TUIKit"], swiftSettings: strict),
        .executableTarget(name: "tui-demo", dependencies: ["TUIKit", "NCursesTerminal"], swiftSettings: strict),
    ]
)
SWIFT
swift build --package-path "$work" --scratch-path "$work/.build" 2>&1 | grep -v "prohibited flag" | tail -3
bin="$work/.build/debug/tui-demo"

export LANG=C.UTF-8 LC_ALL=C.UTF-8 SHELL=/bin/sh
unset TMUX
sock="tui-smoke-$$"
t() { tmux -L "$sock" -f /dev/null "$@"; }
trap 't kill-server >/dev/null 2>&1 || true; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"' EXIT
failures=0
pass() { echo "ok   - $1"; }
fail() { echo "FAIL - $1"; failures=$((failures + 1)); t capture-pane -p -t main | sed 's/^/     | /'; }
screen() { t capture-pane -p -t main; }
# wait_for TEXT [SECONDS]: poll the screen until it shows TEXT.
wait_for() {
  local deadline=$((SECONDS + ${2:-10}))
  while ((SECONDS < deadline)); do
    screen | grep -qF -- "$1" && return 0
    sleep 0.05
  done
  return 1
}
check() { if wait_for "$2" "${3:-10}"; then pass "$1"; else fail "$1 (wanted: $2)"; fi; }

t new-session -d -s main -x 80 -y 24 "bash --norc --noprofile -i" \; set-option -t main status off
t send-keys -t main "PS1='$ '; stty -a | grep -o ' icanon\\| echo ' | tr -d '\\n'; echo" Enter
wait_for ' icanon echo' || fail "shell did not start"

# A clean first frame.
t send-keys -t main "$bin; echo \"[exit:\$?]\"" Enter
check "first frame shows the box title" "┌ tui-demo ─"
check "wide and combining text laid out by cell width" "$(printf 'wide: 日本語|👍|e\xcc\x81|end')"
check "control characters from the server are shown escaped" 'server says: \u{1B}[31mred\u{1B}[0m \u{202E}evil'
check "status marks" "✓ ✗ … ○ –"
check "masked field shows the mask, not the value" "Secret: •••••••"
if screen | grep -q hunter2; then fail "secret value on screen"; else pass "secret value never on screen"; fi
check "footer" "q quit · ^Z suspend · ^C interrupt"

# Keys.
t send-keys -t main Up;      check "arrow key" "last key: Up"
t send-keys -t main F1;      check "function key" "last key: F1"
t send-keys -t main PageDown; check "page down" "last key: PgDn"
t send-keys -t main BTab;    check "shift-tab" "last key: Shift-Tab"
t send-keys -t main Escape;  check "escape alone" "last key: Esc"
t send-keys -t main C-w;     check "control key" "last key: Ctrl-W"

# Resize, down to the too-small screen, and back.
t resize-window -t main -x 100 -y 30; check "resize to 100x30" "size: 100x30"
t resize-window -t main -x 30 -y 6;   check "too-small screen" "need 40×10"
t resize-window -t main -x 1 -y 1;    sleep 0.3
t resize-window -t main -x 80 -y 24;  check "back to 80x24 after 1x1" "size: 80x24"

# Ctrl-Z suspends with the terminal restored; fg redraws. (Run without "; echo": bash would
# go on with the list when the job stops.)
t send-keys -t main q; wait_for "[exit:0]" || fail "q did not quit"
t send-keys -t main "clear; $bin" Enter
wait_for "┌ tui-demo ─" || fail "demo did not start for the Ctrl-Z test"
t send-keys -t main C-z; check "Ctrl-Z stops the program" "Stopped"
t send-keys -t main "stty -a | grep -o ' icanon\\| echo ' | tr -d '\\n'; echo" Enter
check "terminal restored while suspended" " icanon echo"
t send-keys -t main "fg" Enter; check "fg redraws the screen" "┌ tui-demo ─"
check "redraw after resume reported as a resize" "last key: Resize"

# Ctrl-C: cleanups run (endwin first, then the application's), exit status 130.
t send-keys -t main C-c; wait_for "cleanup ran" || fail "no cleanup after Ctrl-C"
t send-keys -t main 'echo "[exit:$?]"' Enter; check "Ctrl-C exits with 130" "[exit:130]"
check "application cleanup ran after the terminal was restored" "cleanup ran"
t send-keys -t main "clear; stty -a | grep -o ' icanon\\| echo ' | tr -d '\\n'; echo" Enter
check "terminal modes restored after Ctrl-C" " icanon echo"
[ "$(t display -p -t main '#{alternate_on}#{cursor_flag}')" = "01" ] \
  && pass "normal screen and visible cursor after Ctrl-C" || fail "alternate screen or hidden cursor after Ctrl-C"

# SIGTERM from outside: exit status 143.
t send-keys -t main "clear; $bin; echo \"[exit:\$?]\"" Enter
wait_for "pid: " || fail "demo did not start again"
pid=$(screen | grep -o 'pid: [0-9]*' | head -1 | cut -d' ' -f2)
kill -TERM "$pid"; check "SIGTERM exits with 143" "[exit:143]"

# q quits normally.
t send-keys -t main "clear; $bin; echo \"[exit:\$?]\"" Enter
wait_for "┌ tui-demo ─" || fail "demo did not start a third time"
t send-keys -t main q; check "q exits with 0" "[exit:0]"
check "endwin on normal exit, then the program's own output" "tui-demo: "

# A crash (Swift trap) still leaves the terminal usable: the guard restores the tty settings
# before the previous handler (Swift's backtracer, then the default action) runs.
t send-keys -t main "clear; SWIFT_BACKTRACE=interactive=no $bin; echo \"[exit:\$?]\"" Enter
wait_for "┌ tui-demo ─" || fail "demo did not start for the crash test"
t send-keys -t main '!'; check "a trap ends the program with SIGILL" "[exit:132]" 30
t capture-pane -p -S - -t main | grep -q "Program crashed" \
  && pass "the crash report is printed on the normal screen" || fail "no crash report"

t send-keys -t main "clear; stty -a | grep -o ' icanon\\| echo ' | tr -d '\\n'; echo" Enter
check "terminal modes restored after a crash" " icanon echo"

# Refusal when the terminal is not usable.
t send-keys -t main "clear; TERM=dumb $bin; echo \"[exit:\$?]\"" Enter
check "TERM=dumb is refused" "not an interactive terminal"
t send-keys -t main "clear; $bin </dev/null; echo \"[exit:\$?]\"" Enter
check "stdin not a tty is refused" "not an interactive terminal"

# No colors: NO_COLOR still draws (monochrome theme).
t send-keys -t main "clear; NO_COLOR=1 $bin; echo \"[exit:\$?]\"" Enter
check "NO_COLOR draws with the monochrome theme" "┌ tui-demo ─"
t send-keys -t main q; check "and quits" "[exit:0]"

echo "tui-smoke: $failures failure(s)"
exit $((failures > 0))
