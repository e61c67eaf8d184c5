// Fuzzes ParseRfc3339: whatever parses must format and re-parse to the same instant.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  confidant::Result<confidant::Timestamp> t = confidant::ParseRfc3339(text);
  if (!t.ok()) return 0;
  confidant::Result<confidant::Timestamp> again =
      confidant::ParseRfc3339(confidant::FormatRfc3339(*t, true));
  // Offsets can move an instant outside years 0000-9999; those cannot round-trip by design.
  if (again.ok() && *again != *t) std::abort();
  return 0;
}
