// Fuzzes SIGSTRUCT parsing and verification; a parsed SIGSTRUCT must serialize to its input.

#include <cstdint>
#include <cstdlib>

#include "image/sigstruct.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  confidant::ByteSpan input(data, size);
  confidant::Result<confidant::image::Sigstruct> sigstruct =
      confidant::image::ParseSigstruct(input);
  if (!sigstruct.ok()) return 0;
  confidant::Bytes round_trip = confidant::image::SerializeSigstruct(*sigstruct);
  if (confidant::Bytes(input.begin(), input.end()) != round_trip) std::abort();
  (void)confidant::image::VerifySigstruct(*sigstruct);
  (void)confidant::image::MrSigner(*sigstruct);
  return 0;
}
