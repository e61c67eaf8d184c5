#!/usr/bin/env bash
# The file-encryptor sample end to end: round trip, wrong password, a flipped byte, a truncated
# file; a failure leaves no output file. Usage: test.sh <host> <enclave.signed> <work dir>
set -euo pipefail
host=$1 enclave=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
head -c 300000 /dev/urandom > "$dir/plain"
export FILE_ENCRYPTOR_PASSWORD="correct horse battery staple"
"$host" encrypt "$enclave" "$dir/plain" "$dir/sealed"
"$host" decrypt "$enclave" "$dir/sealed" "$dir/back"
cmp "$dir/plain" "$dir/back"
if cmp -s "$dir/plain" "$dir/sealed"; then echo "ciphertext equals plaintext"; exit 1; fi

expect_refused() {  # name, expected message, input
  rm -f "$dir/out"
  if "$host" decrypt "$enclave" "$3" "$dir/out" 2> "$dir/err"; then
    echo "$1: decryption succeeded"; exit 1
  fi
  grep -q "$2" "$dir/err" || { echo "$1: unexpected error: $(cat "$dir/err")"; exit 1; }
  [[ ! -e "$dir/out" && ! -e "$dir/out.partial" ]] || { echo "$1: left output behind"; exit 1; }
}
FILE_ENCRYPTOR_PASSWORD=wrong expect_refused "wrong password" "wrong password" "$dir/sealed"
cp "$dir/sealed" "$dir/flipped"
printf '\x01' | dd of="$dir/flipped" bs=1 seek=200000 conv=notrunc status=none
expect_refused "flipped byte" "modified" "$dir/flipped"
head -c 150000 "$dir/sealed" > "$dir/truncated"
expect_refused "truncated" "modified\|truncated" "$dir/truncated"
head -c $((88 + 65536 + 16)) "$dir/sealed" > "$dir/first-block-only"
expect_refused "missing last block" "modified\|truncated" "$dir/first-block-only"
echo "file-encryptor: all checks passed"
