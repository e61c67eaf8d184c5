// The calls of the hand-written test enclave (runtime_enclave.cc), shared with its host test.

#ifndef CONFIDANT_TESTS_RUNTIME_RUNTIME_IDS_H_
#define CONFIDANT_TESTS_RUNTIME_RUNTIME_IDS_H_

#include <cstdint>

namespace confidant::runtime_test {

inline constexpr uint64_t kInterfaceId = 0x7e57'0000'0000'0001ull;

enum Ecall : uint32_t {
  kEcho = 0,
  kCallHostEcho,
  kForbidden,
  kCrash,
  kAbort,
  kSleep,
  kSecretAddress,
  kHostMallocFill,
  kCountdown,
  kBoundaries,
  kPrint,
  kBigOutput,
  kConcurrent,
  kThrow,
  kRandom,
  kEcallCount,
};

enum Ocall : uint32_t { kOcallEcho = 0, kOcallCountdown = 1, kOcallCount = 2 };

// kForbidden's input byte.
enum Forbidden : uint8_t { kOpen = 0, kSocket, kFork, kExec, kThread };

}  // namespace confidant::runtime_test

#endif  // CONFIDANT_TESTS_RUNTIME_RUNTIME_IDS_H_
