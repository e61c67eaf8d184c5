// Fuzzes ByteReader with a small TLV format: u8 tag, u32le length, value; tag 0 nests a reader.

#include <cstdint>
#include <cstdlib>

#include "common/byte_reader.h"

namespace {

confidant::Status Walk(confidant::ByteReader& r, int depth) {
  while (!r.empty()) {
    ASSIGN_OR_RETURN(uint8_t tag, r.ReadU8("tag"));
    ASSIGN_OR_RETURN(uint32_t len, r.ReadU32Le("length"));
    if (tag == 0 && depth < 8) {
      ASSIGN_OR_RETURN(confidant::ByteReader sub, r.Sub(len, "nested"));
      RETURN_IF_ERROR(Walk(sub, depth + 1));
    } else if (tag == 1) {
      RETURN_IF_ERROR(r.ExpectZero(len, "reserved"));
    } else if (tag == 2) {
      ASSIGN_OR_RETURN(uint64_t v, r.ReadU64Be("value"));
      (void)v;
    } else {
      size_t before = r.remaining();
      ASSIGN_OR_RETURN(confidant::ByteSpan value, r.ReadBytes(len, "value"));
      if (value.size() != len || r.remaining() != before - len) std::abort();
    }
  }
  return confidant::OkStatus();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  confidant::ByteReader r(confidant::ByteSpan(data, size), "fuzz");
  size_t total = r.remaining();
  confidant::Status s = Walk(r, 0);
  if (r.offset() + r.remaining() != total) std::abort();
  (void)s;
  return 0;
}
