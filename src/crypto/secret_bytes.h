// SecretBytes: a byte vector for key material that is wiped (OPENSSL_cleanse) whenever its storage
// is released, including on reallocation. Use it for every symmetric key and exported private key.

#ifndef CONFIDANT_CRYPTO_SECRET_BYTES_H_
#define CONFIDANT_CRYPTO_SECRET_BYTES_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/bytes.h"

namespace confidant::crypto {
namespace internal {
void Cleanse(void* p, size_t n);
}  // namespace internal

template <typename T>
struct CleansingAllocator {
  using value_type = T;
  CleansingAllocator() = default;
  template <typename U>
  CleansingAllocator(const CleansingAllocator<U>&) {}  // NOLINT(google-explicit-constructor)
  T* allocate(size_t n) { return std::allocator<T>().allocate(n); }
  void deallocate(T* p, size_t n) {
    internal::Cleanse(p, n * sizeof(T));
    std::allocator<T>().deallocate(p, n);
  }
  template <typename U>
  bool operator==(const CleansingAllocator<U>&) const {
    return true;
  }
};

using SecretBytes = std::vector<uint8_t, CleansingAllocator<uint8_t>>;

inline SecretBytes ToSecret(ByteSpan bytes) { return SecretBytes(bytes.begin(), bytes.end()); }

// Compares in time independent of the contents (CRYPTO_memcmp). Different lengths compare unequal.
bool ConstantTimeEquals(ByteSpan a, ByteSpan b);

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_SECRET_BYTES_H_
