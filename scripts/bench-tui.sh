#!/usr/bin/env bash
# Times the wizard (release build): start-up to its first frame beside `dialog --infobox` (C and
# ncurses, the floor) measured the same way in the same run, and the inspector opening a 20 MB
# JSON response (first paint) and scrolling it (per key), in process.
#
# First frame: P1WIZARD_EXIT_AFTER_FIRST_FRAME=1 makes the wizard take over the terminal, draw
# its first screen (the first form), restore the terminal and exit 0. Both programs run on a
# fresh 120x40 pseudo-terminal made by scripts/ptyrun/ptyrun.c (forkpty, drain, wait: well under
# a millisecond; script(1) would add ~20 ms of its own poll loop to both and hide the difference);
# `ptyrun true` is timed too, as the harness's own cost.
# Needs hyperfine, dialog and a C compiler (apt-get install hyperfine dialog gcc).
# Usage: scripts/bench-tui.sh [runs]   (default 40; P1WIZARD_BIN skips the build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-40}
for tool in hyperfine dialog cc python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }
done
bin=${P1WIZARD_BIN:-$(scripts/build-release.sh 2>/dev/null)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$work" XDG_STATE_HOME="$work"
if [ -z "${TERM:-}" ] || [ "$TERM" = dumb ]; then export TERM=xterm-256color; fi
unset PINGONE_CLIENT_SECRET PINGONE_API_ACCESS_TOKEN P1WIZARD_USER_PASSWORD
export P1WIZARD_EXIT_AFTER_FIRST_FRAME=1
cc -O2 -o "$work/ptyrun" scripts/ptyrun/ptyrun.c -lutil
# Both must draw and exit 0 before they are timed.
"$work/ptyrun" "$bin" && "$work/ptyrun" dialog --infobox p1wizard 5 30
hyperfine -N --warmup 5 --runs "$runs" --export-json "$work/h.json" \
  -n p1wizard "$work/ptyrun $bin" -n dialog "$work/ptyrun dialog --infobox p1wizard 5 30" -n pty "$work/ptyrun true" >/dev/null
python3 - "$work/h.json" "$runs" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
w, d, b = (r[n]["median"] * 1000 for n in ("p1wizard", "dialog", "pty"))
print(f"first frame, release build, on a fresh pty, median of {sys.argv[2]} runs (hyperfine):")
print(f"  p1wizard (first form drawn, endwin, exit)  {w:6.1f} ms")
print(f"  dialog --infobox                           {d:6.1f} ms")
print(f"  the pty harness alone (ptyrun true)        {b:6.1f} ms")
print(f"  ratio p1wizard / dialog                    {w / d:6.1f}x")
PY
P1WIZARD_EXIT_AFTER_FIRST_FRAME= "$bin" bench-inspector --megabytes 20 --width 120 --height 40
