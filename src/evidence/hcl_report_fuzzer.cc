// Fuzzes HCL report parsing, and the Azure vTPM evidence document around it.

#include <cstdint>
#include <string_view>

#include "evidence/hcl_report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  confidant::Result<confidant::evidence::HclReport> hcl =
      confidant::evidence::ParseHclReport(confidant::ByteSpan(data, size));
  if (hcl.ok()) (void)hcl->RuntimeKey("HCLAkPub");
  (void)confidant::evidence::ParseAzureVtpmEvidence(
      std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
