// Azure confidential VM evidence: the HCL report the paravisor stores in vTPM NV 0x01400001, and
// the JSON evidence document that carries it with a vTPM quote (shared/reference/
// confidential-vm.md section 5.3).
//
// HCL report, little-endian: header {"HCLA", version u32 = 1, report size u32, request type u32,
// status u32, reserved[12]} ‖ TEE report (1184 bytes: an SNP report, or a padded TD report) ‖
// IGVM request data {data size u32, version u32, report type u32 (2 SNP, 4 TDX), report-data
// hash type u32 (1 SHA-256, 2 SHA-384, 3 SHA-512), variable data size u32} ‖ variable data (the
// runtime-claims JSON). Bytes after `report size` are padding and ignored.
//
// Parsing checks structure; the runtime data is kept as bytes and, when it is a JSON object,
// parsed. The binding of its hash into the TEE report and the AK it carries are checked by
// src/verify.

#ifndef CONFIDANT_EVIDENCE_HCL_REPORT_H_
#define CONFIDANT_EVIDENCE_HCL_REPORT_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"
#include "evidence/snp_report.h"

namespace confidant::evidence {

inline constexpr uint32_t kHclReportTypeSnp = 2;
inline constexpr uint32_t kHclReportTypeTdx = 4;
inline constexpr size_t kHclHeaderSize = 32;
inline constexpr size_t kHclTeeReportSize = 1184;
inline constexpr size_t kHclRequestDataSize = 20;

struct HclReport {
  uint32_t version = 0;
  uint32_t report_size = 0;
  uint32_t request_type = 0;
  uint32_t report_type = 0;      // kHclReportTypeSnp or kHclReportTypeTdx
  uint32_t hash_type = 0;        // 1 SHA-256, 2 SHA-384, 3 SHA-512
  Bytes tee_report;              // 1184 bytes
  std::optional<SnpReport> snp;  // parsed when report_type is SNP
  size_t runtime_data_offset = 0;
  Bytes runtime_data;             // the exact bytes whose hash the TEE report carries
  nlohmann::json runtime_claims;  // runtime_data parsed if it is a JSON object, else null

  // The JWK with `kid` in runtime_claims["keys"] ("HCLAkPub", "HCLEkPub"); NotFound if absent,
  // InvalidArgument if the runtime data is not a JSON object.
  Result<nlohmann::json> RuntimeKey(std::string_view kid) const;
};

Result<HclReport> ParseHclReport(ByteSpan bytes);

// Azure vTPM evidence, version 1: {"version": 1, "hcl_report": base64url, "tpm_quote":
// {"message": hex TPMS_ATTEST, "signature": hex raw signature, "pcrs": [hex, ...]},
// "vcek": base64url DER}.
struct AzureVtpmEvidence {
  HclReport hcl;
  Bytes tpm_quote;      // marshalled TPMS_ATTEST
  Bytes tpm_signature;  // raw RSA signature bytes by the HCL AK
  std::vector<Bytes> pcrs;
  Bytes vcek_der;
};

Result<AzureVtpmEvidence> ParseAzureVtpmEvidence(std::string_view json);

}  // namespace confidant::evidence

#endif  // CONFIDANT_EVIDENCE_HCL_REPORT_H_
