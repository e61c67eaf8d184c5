// Fuzzes the signed image container and the launch checks. Whatever parses must rebuild to the
// same bytes.

#include <cstdint>
#include <cstdlib>

#include "image/signed_image.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace confidant::image;
  const confidant::ByteSpan input(data, size);
  (void)ExtractElf(input);
  confidant::Result<SignedImage> file = ParseSignedImage(input);
  if (!file.ok()) return 0;
  confidant::Result<confidant::Bytes> rebuilt =
      BuildSignedImage(file->elf(), file->config_text, file->sigstruct);
  if (!rebuilt.ok() || confidant::Bytes(input.begin(), input.end()) != *rebuilt) std::abort();
  // Inspection measures every page of the layout: keep it to small images and configurations.
  const EnclaveConfig& c = file->config;
  confidant::Result<ElfImage> elf = ElfImage::Parse(file->elf());
  if (elf.ok() && elf->span() <= (uint64_t{16} << 20) &&
      c.num_heap_pages + c.num_tcs * c.num_stack_pages <= 4096) {
    confidant::Result<ImageInspection> inspection = InspectEnclaveImage(input);
    confidant::Result<VerifiedEnclaveImage> verified = VerifyEnclaveImage(input);
    if (verified.ok() && (!inspection.ok() || !inspection->verdict().ok())) std::abort();
  }
  return 0;
}
