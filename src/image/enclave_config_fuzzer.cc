// Fuzzes enclave .conf parsing; a parsed config must respect the documented ranges.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "image/enclave_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace image = confidant::image;
  confidant::Result<image::EnclaveConfig> config = image::ParseEnclaveConfig(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.conf");
  if (!config.ok()) return 0;
  if (config->num_tcs < 1 || config->num_tcs > image::kMaxTcs) std::abort();
  if (config->num_heap_pages < 1 || config->num_heap_pages > image::kMaxHeapPages) std::abort();
  if (config->num_stack_pages < 1 || config->num_stack_pages > image::kMaxStackPages) std::abort();
  return 0;
}
