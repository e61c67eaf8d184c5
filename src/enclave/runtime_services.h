// The interface between the enclave process's runtime (confidant-enclave-runner, which maps the
// channel and serves calls) and the enclave image (which links libconfidant_enclave for the
// enclave API). After loading the image, the runner calls the image's exported
// confidant_enclave_attach() with these services; the enclave API forwards to them.
//
// Both sides are trusted code of one enclave; the struct never crosses to the host.

#ifndef CONFIDANT_ENCLAVE_RUNTIME_SERVICES_H_
#define CONFIDANT_ENCLAVE_RUNTIME_SERVICES_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "confidant/status.h"

namespace confidant::enclave {

inline constexpr uint32_t kRuntimeServicesVersion = 1;

struct RuntimeServices {
  uint32_t version;
  // An ocall through the slot of the calling thread's current ecall.
  Status (*call_host)(uint32_t function_id, uint32_t flags, std::span<const uint8_t> input,
                      size_t max_output, std::vector<uint8_t>& output);
  // Stops the enclave with `reason`.
  [[noreturn]] void (*abort)(const char* reason, size_t reason_size);
  // The shared region (host memory).
  const void* shared_base;
  size_t shared_size;
};

inline constexpr const char kAttachSymbol[] = "confidant_enclave_attach";
// Returns 0 when the services were accepted.
using AttachFunction = int (*)(const RuntimeServices* services);

}  // namespace confidant::enclave

#endif  // CONFIDANT_ENCLAVE_RUNTIME_SERVICES_H_
