// Fuzzes the PCK certificate's SGX extension parser.

#include <cstdint>
#include <cstdlib>

#include "evidence/pck_extensions.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  confidant::Result<confidant::evidence::PckExtensions> ext =
      confidant::evidence::ParsePckExtensions(confidant::ByteSpan(data, size));
  if (ext.ok() && static_cast<int>(ext->sgx_type) > 2) std::abort();
  return 0;
}
