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
build/release/confidant platform sizes | head -6
# An enclave on the sw backend: the host starts an embedded platformd for this user, which
# verifies and measures the signed image and runs it sandboxed in its own process.
build/release/confidant enclave inspect build/release/samples/helloworld/helloworld_enclave.signed
build/release/samples/helloworld/helloworld_host \
  build/release/samples/helloworld/helloworld_enclave.signed
build/release/confidant platform status
