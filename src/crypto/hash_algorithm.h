// The digest algorithms Confidant's formats use.

#ifndef CONFIDANT_CRYPTO_HASH_ALGORITHM_H_
#define CONFIDANT_CRYPTO_HASH_ALGORITHM_H_

#include <cstddef>
#include <string_view>

namespace confidant::crypto {

// kSha1 exists only for TPM SHA-1 PCR banks and SHA-1-format event logs: the signature functions
// refuse it.
enum class HashAlgorithm { kSha1, kSha256, kSha384, kSha512 };

constexpr size_t DigestSize(HashAlgorithm alg) {
  switch (alg) {
    case HashAlgorithm::kSha1:
      return 20;
    case HashAlgorithm::kSha256:
      return 32;
    case HashAlgorithm::kSha384:
      return 48;
    case HashAlgorithm::kSha512:
      return 64;
  }
  return 0;
}

// "SHA-1", "SHA-256", "SHA-384", "SHA-512".
constexpr std::string_view HashAlgorithmName(HashAlgorithm alg) {
  switch (alg) {
    case HashAlgorithm::kSha1:
      return "SHA-1";
    case HashAlgorithm::kSha256:
      return "SHA-256";
    case HashAlgorithm::kSha384:
      return "SHA-384";
    case HashAlgorithm::kSha512:
      return "SHA-512";
  }
  return "unknown";
}

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_HASH_ALGORITHM_H_
