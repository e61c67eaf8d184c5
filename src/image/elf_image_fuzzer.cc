// Fuzzes ElfImage::Parse, symbol lookup and the enclave layout of what parses; a parsed image's
// invariants must hold.

#include <cstdint>
#include <cstdlib>

#include "image/enclave_layout.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace confidant::image;
  confidant::Result<ElfImage> image = ElfImage::Parse(confidant::ByteSpan(data, size));
  if (!image.ok()) return 0;
  if (image->load_segments().empty() || image->span() > kMaxImageSpan) std::abort();
  for (const char* name : {"confidant_enclave_ecall_table", "confidant_enclave_entry", "x"}) {
    (void)image->FindDynamicSymbol(name);
  }
  EnclaveConfig config;
  config.num_heap_pages = 2;
  config.num_stack_pages = 2;
  confidant::Result<EnclaveLayout> layout = ComputeEnclaveLayout(*image, config);
  if (!layout.ok() || layout->enclave_size < layout->layout_end) std::abort();
  // Measuring touches every image page: keep it to images of at most 16 MiB.
  if (image->span() <= (uint64_t{16} << 20) && !MeasureEnclave(*image, *layout).ok()) std::abort();
  return 0;
}
