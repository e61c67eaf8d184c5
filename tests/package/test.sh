#!/usr/bin/env bash
# Installs this build into a temporary prefix, builds samples/helloworld against the installed
# package with find_package(Confidant), and runs it on an embedded platform from that prefix.
# Usage: test.sh <build dir> <work dir> <build type> [sanitizer flags the build was made with]
set -euo pipefail
build=$1 work=$2 type=${3:-Debug} sanitize=${4:-}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
cmake -S "$source_dir/tests/package" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE="$type" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DHELLOWORLD_DIR="$source_dir/samples/helloworld" \
  -DCMAKE_CXX_FLAGS="$sanitize" -DCMAKE_EXE_LINKER_FLAGS="$sanitize" \
  -DCMAKE_SHARED_LINKER_FLAGS="$sanitize" \
  > "$work/configure.log"
cmake --build "$work/build" > "$work/build.log"
export CONFIDANT_PLATFORMD="$work/prefix/libexec/confidant/confidant-platformd"
export CONFIDANT_PLATFORM_DIR="$work/platform"
out=$("$work/build/helloworld/helloworld_host" "$work/build/helloworld/helloworld_enclave.signed")
echo "$out"
[[ "$out" == *"Hello world from the enclave"* ]]
pid=$("$work/prefix/bin/confidant" platform status --state-dir "$work/platform" --json | sed -n 's/.*"pid": \([0-9]*\).*/\1/p' | head -1)
[[ -n "$pid" ]] && kill "$pid"
echo "package test: passed"
