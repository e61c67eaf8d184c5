#!/usr/bin/env bash
# From a fresh Debian 12 machine: installs the dependencies, builds the release preset and runs
# the `confidant` command.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release
cmake --build --preset release -j "$(nproc)"

set -x
build/release/confidant --version
build/release/confidant --help
