// Fuzzes DCAP quote parsing, directly and through the Open Enclave report wrapper.

#include <cstdint>
#include <cstdlib>

#include "evidence/dcap_quote.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  confidant::ByteSpan bytes(data, size);
  confidant::Result<confidant::evidence::DcapQuote> quote =
      confidant::evidence::ParseDcapQuote(bytes);
  if (quote.ok()) {
    // A parsed quote never claims more bytes than it was given, and its signed part is a prefix.
    if (quote->size > size || quote->signed_bytes.size() > quote->size) std::abort();
    if (quote->sgx_body.has_value() == quote->td_body.has_value()) std::abort();
  }
  confidant::Result<confidant::ByteSpan> inner =
      confidant::evidence::UnwrapOpenEnclaveReport(bytes);
  if (inner.ok()) (void)confidant::evidence::ParseDcapQuote(*inner);
  return 0;
}
