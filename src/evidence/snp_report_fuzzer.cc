// Fuzzes SEV-SNP report parsing.

#include <cstdint>
#include <cstdlib>

#include "evidence/snp_report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  confidant::Result<confidant::evidence::SnpReport> report =
      confidant::evidence::ParseSnpReport(confidant::ByteSpan(data, size));
  if (report.ok()) {
    if (report->signed_bytes.size() != confidant::evidence::kSnpSignedSize) std::abort();
    (void)report->product();
  }
  return 0;
}
