#!/usr/bin/env bash
# Configures, builds and runs the tests of each CMake preset given (default: release asan),
# printing ctest's summary. Exits non-zero if any step of any preset fails; later presets still
# run so one report shows every failure. The full ctest log is build/<preset>/ctest.log.
#
#   scripts/test.sh              # release and asan (ASan + UBSan)
#   scripts/test.sh dev          # one preset
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

presets=("$@")
if [[ ${#presets[@]} -eq 0 ]]; then presets=(release asan); fi
jobs=$(nproc)
failed=()

# step NAME COMMAND...: runs and times one step; returns its status.
step() {
  local name=$1 start=$SECONDS
  shift
  echo "==> ${name}"
  "$@"
  local status=$?
  echo "    ${name}: $((SECONDS - start)) s$([[ ${status} -ne 0 ]] && echo ", FAILED (exit ${status})")"
  return "${status}"
}

configure() { cmake --preset "$1" >/dev/null; }

run_tests() {
  local preset=$1 log="build/$1/ctest.log"
  ctest --preset "${preset}" -j "${jobs}" >"${log}" 2>&1
  local status=$?
  if [[ ${status} -eq 0 ]]; then
    sed -n '/tests passed/,$p' "${log}"
  else
    cat "${log}"
  fi
  return "${status}"
}

for preset in "${presets[@]}"; do
  if step "${preset}: configure" configure "${preset}" &&
    step "${preset}: build" cmake --build --preset "${preset}" -j "${jobs}" &&
    step "${preset}: test" run_tests "${preset}"; then
    :
  else
    failed+=("${preset}")
  fi
done

if [[ ${#failed[@]} -ne 0 ]]; then
  echo "test.sh: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "test.sh: all passed: ${presets[*]}"
