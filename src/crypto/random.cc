#include "crypto/random.h"

#include <openssl/rand.h>

#include <algorithm>

#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

// RAND_bytes counts in int; larger requests are served in pieces of this size.
constexpr size_t kMaxRequest = size_t{1} << 30;

// Fills `out` with `generate` (RAND_bytes or RAND_priv_bytes).
Status Fill(int (*generate)(unsigned char*, int), std::span<uint8_t> out) {
  while (!out.empty()) {
    const size_t n = std::min(out.size(), kMaxRequest);
    if (generate(out.data(), static_cast<int>(n)) != 1) {
      return internal::OpenSslInternal("random: generator failure");
    }
    out = out.subspan(n);
  }
  return OkStatus();
}

}  // namespace

Status RandomBytes(std::span<uint8_t> out) { return Fill(RAND_bytes, out); }

Result<Bytes> RandomBytes(size_t size) {
  Bytes out(size);
  RETURN_IF_ERROR(Fill(RAND_bytes, out));
  return out;
}

Result<SecretBytes> RandomSecret(size_t size) {
  SecretBytes out(size);
  RETURN_IF_ERROR(Fill(RAND_priv_bytes, out));
  return out;
}

}  // namespace confidant::crypto
