// Fuzzes the TPM structure parsers: the first byte chooses which one sees the rest.

#include <cstdint>

#include "evidence/tpm_quote.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  confidant::ByteSpan rest(data + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      (void)confidant::evidence::ParseTpmQuote(rest);
      break;
    case 1:
      (void)confidant::evidence::ParseTpmSignature(rest);
      break;
    default:
      (void)confidant::evidence::ParseTpmPublic(rest);
      break;
  }
  return 0;
}
