// Verification of AMD SEV-SNP reports (shared/reference/sev-snp.md section 6; checks in order in
// docs/attestation-evidence.md). Fully offline: the caller passes the VCEK/VLEK certificate, the
// AMD certificates it trusts (ARK, ASK, ASVK of any products) and the verification time.
//
// Every failure is UNAUTHENTICATED (or PERMISSION_DENIED for a policy check) and its message starts
// with the failing check: "snp: vek chain: ...", "snp: report signature: ...",
// "snp: reported tcb: ...", "snp: chip id: ...", "snp: policy: ...". A malformed report is the
// parser's INVALID_ARGUMENT.

#ifndef CONFIDANT_VERIFY_SNP_VERIFIER_H_
#define CONFIDANT_VERIFY_SNP_VERIFIER_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/certificate.h"
#include "evidence/snp_report.h"
#include "verify/verification.h"
#include "verify/verification_cache.h"

namespace confidant::verify {

struct SnpPolicy {
  std::optional<evidence::SnpProduct> product;  // required product line
  std::optional<int> stepping;                  // required machine stepping
};

struct VerifiedSnpReport {
  evidence::SnpReport report;
  evidence::SnpProduct product;
  std::string vek_product_name;  // the VCEK/VLEK productName extension ("Milan-B0", "Milan")
  std::string trust_anchor;      // subject of the ARK the chain ends in
};

Result<VerifiedSnpReport> VerifySnpReport(ByteSpan report, const crypto::Certificate& vek,
                                          std::span<const crypto::Certificate> amd_certificates,
                                          int64_t now_unix_seconds, const SnpPolicy& policy = {},
                                          VerificationCache* cache = nullptr);

// The report as claims with Microsoft Azure Attestation's names (x-ms-sevsnpvm-bootloader-svn,
// -launchmeasurement, -reportdata, ...; TCB SVNs from REPORTED_TCB), plus x-confidant-sevsnpvm-*
// for the fields MAA does not issue (chip ID, every TCB, firmware versions, CPUID, product).
nlohmann::json SnpClaims(const VerifiedSnpReport& verified);

// SnpClaims with attestation type "sevsnpvm" and the ARK as trust anchor.
Verified ToVerified(const VerifiedSnpReport& verified);

}  // namespace confidant::verify

#endif  // CONFIDANT_VERIFY_SNP_VERIFIER_H_
