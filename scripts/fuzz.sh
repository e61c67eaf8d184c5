#!/usr/bin/env bash
# Builds the `fuzz` preset (clang + libFuzzer) and runs each fuzz target for a while over a copy
# of its seed corpus (fuzz/corpus/<target>/), so the seeds in the tree stay as they are. Crashes
# are written to build/fuzz/artifacts/<target>/. See docs/fuzzing.md.
#
#   scripts/fuzz.sh [-t SECONDS] [TARGET...]     # default: 30 s each, every *_fuzzer target
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=30
if [[ ${1:-} == "-t" ]]; then
  seconds=${2:?"fuzz.sh: -t needs a number of seconds"}
  shift 2
fi

cmake --preset fuzz >/dev/null
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  mapfile -t targets < <(cmake --build --preset fuzz --target help |
    sed -n 's/^\([A-Za-z0-9_]*_fuzzer\): .*/\1/p')
fi
if [[ ${#targets[@]} -eq 0 ]]; then
  echo "fuzz.sh: no fuzz targets (no *_fuzzer.cc files yet)"
  exit 0
fi
cmake --build --preset fuzz -j "$(nproc)" --target "${targets[@]}"

work=$(mktemp -d)
trap 'rm -rf "${work}"' EXIT
failed=()
for target in "${targets[@]}"; do
  binary=$(find build/fuzz -type f -executable -name "${target}" | head -n 1)
  seeds="fuzz/corpus/${target}"
  if [[ -z ${binary} || ! -d ${seeds} ]]; then
    echo "fuzz.sh: ${target}: missing binary or seed corpus ${seeds}" >&2
    failed+=("${target}")
    continue
  fi
  mkdir -p "${work}/${target}" "build/fuzz/artifacts/${target}"
  cp -R "${seeds}/." "${work}/${target}/"
  echo "==> ${target}: ${seconds} s"
  if ! "${binary}" -max_total_time="${seconds}" -print_final_stats=1 \
    -artifact_prefix="build/fuzz/artifacts/${target}/" "${work}/${target}"; then
    failed+=("${target}")
  fi
done

if [[ ${#failed[@]} -ne 0 ]]; then
  echo "fuzz.sh: FAILED: ${failed[*]} (inputs in build/fuzz/artifacts/)" >&2
  exit 1
fi
echo "fuzz.sh: ${#targets[@]} target(s) ran ${seconds} s each without a finding"
