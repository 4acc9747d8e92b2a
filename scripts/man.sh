#!/usr/bin/env bash
# Regenerates man/p1wizard.1 from the command line's own definitions (swift-argument-parser's
# generate-manual plugin), so the man page says what --help says. A test fails when they differ.
# Read it with: man ./man/p1wizard.1
set -euo pipefail
cd "$(dirname "$0")/.."
swift package --allow-writing-to-package-directory generate-manual --configuration debug \
  --date 2026-11-25 --authors 'the p1wizard team' --output-directory man >/dev/null
echo "wrote man/p1wizard.1"
