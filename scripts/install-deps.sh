#!/usr/bin/env bash
# Installs the Debian 12 packages Confidant builds and tests with. Idempotent: packages already
# installed are left as they are (--no-upgrade), missing ones are installed.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  # clang: the `fuzz` preset (libFuzzer and sanitizer runtimes), clang-format, clang-tidy
  clang lld libclang-rt-14-dev clang-format clang-tidy
  # libraries
  openssl libssl-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  # TPM 2.0 structures (tss2-mu)
  libtss2-dev
  # enclave processes: system-call allow-list
  libseccomp-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
)

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: need root to install packages, and sudo is not installed;" \
    "run this script as root" >&2
  exit 1
fi

"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends --no-upgrade "${packages[@]}"
