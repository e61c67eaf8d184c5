// Fuzzes the hex, base64 and base64url decoders: whatever decodes must re-encode to text that
// decodes to the same bytes.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/encoding.h"

namespace {

template <typename Decode, typename Encode>
void Check(std::string_view text, Decode decode, Encode encode) {
  confidant::Result<confidant::Bytes> bytes = decode(text);
  if (!bytes.ok()) return;
  confidant::Result<confidant::Bytes> again = decode(encode(*bytes));
  if (!again.ok() || *again != *bytes) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Check(text, confidant::HexDecode, confidant::HexEncode);
  Check(text, confidant::Base64Decode, confidant::Base64Encode);
  Check(text, confidant::Base64UrlDecode, confidant::Base64UrlEncode);
  return 0;
}
