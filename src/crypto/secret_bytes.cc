#include "crypto/secret_bytes.h"

#include <openssl/crypto.h>

namespace confidant::crypto {

void internal::Cleanse(void* p, size_t n) { OPENSSL_cleanse(p, n); }

bool ConstantTimeEquals(ByteSpan a, ByteSpan b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace confidant::crypto
