#!/usr/bin/env bash
# Runs the TUIKit tests in a private copy of the package holding only the terminal targets
# (CNCursesW, TUIKit, NCursesTerminal, TestSupport, TUIKitTests), so work in progress in other
# modules cannot break the run and the run does not build the whole package.
# Usage: scripts/tui-test.sh [swift test arguments]   (TUI_TEST_DIR, default /tmp/tuicopy)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${TUI_TEST_DIR:-/tmp/tuicopy}
mkdir -p "$work/Sources" "$work/Tests"
for dir in Sources/CNCursesW Sources/TUIKit Sources/NCursesTerminal Tests/TestSupport Tests/TUIKitTests Themes; do
  rm -rf "${work:?}/$dir"
  cp -a "$root/$dir" "$work/$dir"
done
cat > "$work/Package.swift" <<'SWIFT'
// swift-tools-version:6.1
import PackageDescription
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
let package = Package(
    name: "p1wizard-tui",
    targets: [
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW", pkgConfig: "ncursesw"),
        .target(name: "TUIKit", swiftSettings: strict),
        .target(name: "NCursesTerminal", dependencies: ["CNCursesW", "TUIKit"], swiftSettings: strict),
        .target(name: "TestSupport", dependencies: ["TUIKit"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "TUIKitTests", dependencies: ["TUIKit", "TestSupport"], swiftSettings: strict),
    ]
)
SWIFT
cd "$work"
swift build --build-tests 2>&1 | grep -v "prohibited flag" | grep -E "warning|error|Compiling|Build" | grep -v "^\[" || true
swift test --skip-build "$@"
