// Verification of Azure confidential-VM vTPM evidence (evidence/hcl_report.h;
// shared/reference/confidential-vm.md section 5.3): the paravisor's HCL report carries an SEV-SNP
// report whose REPORT_DATA is the hash of the runtime-claims JSON, which holds the vTPM's
// attestation key (HCLAkPub), which signs the TPM quote. Checks in order:
//
//   "azure-vtpm: ak extraction"       HCLAkPub is an RSA JWK in the runtime claims
//   "snp: ..."                        the SNP report, as snp_verifier.h (VCEK from the evidence)
//   "azure-vtpm: vmpl"                the report was requested at VMPL 0 (the paravisor's level;
//                                     a guest at a higher VMPL could bind claims of its choosing)
//   "azure-vtpm: report data binding" REPORT_DATA = hash (the HCL hash type) of the runtime
//                                     data, zero-filled
//   "azure-vtpm: tpm quote signature", "nonce", "pcr digest"   the quote, as tpm_verifier.h
//
// Only SNP-based HCL reports: a TDX-based one carries a TD report, which needs the TD quote from
// Azure's quoting service to verify; such evidence is refused as unsupported.

#ifndef CONFIDANT_VERIFY_AZURE_VTPM_VERIFIER_H_
#define CONFIDANT_VERIFY_AZURE_VTPM_VERIFIER_H_

#include <cstdint>
#include <optional>
#include <span>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/certificate.h"
#include "evidence/hcl_report.h"
#include "verify/snp_verifier.h"
#include "verify/tpm_verifier.h"
#include "verify/verification.h"
#include "verify/verification_cache.h"

namespace confidant::verify {

struct AzureVtpmOptions {
  std::optional<Bytes> nonce;  // the expected TPM quote extraData
  SnpPolicy snp_policy;
};

struct VerifiedAzureVtpm {
  evidence::HclReport hcl;
  VerifiedSnpReport snp;
  VerifiedTpmQuote quote;
};

// `amd_certificates` as for VerifySnpReport; the VCEK is the evidence's own.
Result<VerifiedAzureVtpm> VerifyAzureVtpm(const evidence::AzureVtpmEvidence& evidence,
                                          std::span<const crypto::Certificate> amd_certificates,
                                          int64_t now_unix_seconds, const AzureVtpmOptions& options,
                                          VerificationCache* cache = nullptr);

// MAA's guest-attestation shape: attestation type "azurevm"; "x-ms-isolation-tee" holds the SNP
// claims (snp_verifier.h) with "x-ms-attestation-type": "sevsnpvm" and "x-ms-runtime": the
// runtime claims; "x-ms-azurevm-attested-pcrs", "x-ms-azurevm-vmid" (from the runtime claims'
// vm-configuration) and the TPM quote claims (tpm_verifier.h). Trust anchor: the ARK.
Verified ToVerified(const VerifiedAzureVtpm& verified);

}  // namespace confidant::verify

#endif  // CONFIDANT_VERIFY_AZURE_VTPM_VERIFIER_H_
