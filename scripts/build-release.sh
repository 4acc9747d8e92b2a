#!/usr/bin/env bash
# The release build the figures in the README are measured on: the Swift runtime and Foundation
# linked statically (needs libcurl4-openssl-dev for FoundationNetworking), and a non-PIE
# executable, which spares the ~115,000 load-time relocations of a position-independent one
# (about 6 MB less resident memory; the cost is no address randomization of the executable).
# Prints the binary's path.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib -Xlinker -no-pie --product p1wizard >&2
echo "$(swift build -c release --static-swift-stdlib -Xlinker -no-pie --show-bin-path)/p1wizard"
