// One entry point for every kind of evidence, as `confidant attest verify` and the attestation
// service use it: the kind detected from the bytes (or given), collateral looked up in an offline
// store, trust anchors from a directory, and a Verified result or a check-named rejection
// (verification.h).
#ifndef CONFIDANT_VERIFY_EVIDENCE_VERIFIER_H_
#define CONFIDANT_VERIFY_EVIDENCE_VERIFIER_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/certificate.h"
#include "evidence/dcap_collateral.h"
#include "evidence/snp_report.h"
#include "verify/snp_verifier.h"
#include "verify/verification.h"

namespace confidant::verify {

enum class EvidenceKind { kAuto, kSgx, kTdx, kSnp, kTpm, kAzureVtpm };

// "auto", "sgx", "tdx", "snp", "tpm", "azure-vtpm".
std::string_view EvidenceKindName(EvidenceKind kind);
Result<EvidenceKind> ParseEvidenceKind(std::string_view name);
// What the bytes are: a DCAP quote (SGX or TDX by its TEE type) or an Open Enclave report around
// one, an SEV-SNP report (1184 bytes), Azure vTPM evidence JSON, or TPM evidence JSON.
// InvalidArgument when none fits.
Result<EvidenceKind> DetectEvidenceKind(ByteSpan evidence);

// The roots evidence may chain to. Intel SGX Root CA certificates are pinned by their key;
// AMD ARK / ASK / ASVK certificates are the SNP trust (the ARK must be self-signed).
struct TrustAnchors {
  std::vector<crypto::Certificate> intel_roots;
  std::vector<crypto::Certificate> amd;

  // Every certificate in `path` (a file, or the files of a directory: PEM, possibly several per
  // file, or DER), sorted by what it is. Certificates of no known vendor role are an error, so a
  // misplaced file is noticed.
  static Result<TrustAnchors> Load(const std::filesystem::path& path);
  // The anchors installed with Confidant: CONFIDANT_TRUST_DIR if set, else <prefix>/share/
  // confidant/trust, else the source tree's share/trust.
  static Result<TrustAnchors> Default();
};

// Offline collateral: a file or a directory tree holding any number of
//  - dcap-qvl collateral JSON files (one per FMSPC and date),
//  - Intel PCS response sets: a directory with tcb_info_response.json, tcb_info_issuer_chain.pem,
//    qe_identity_response.json, qe_identity_issuer_chain.pem, root_ca_crl.der (or .pem/.hex) and
//    one pck_crl*.der with pck_crl_issuer_chain.pem,
//  - AMD VCEK / VLEK certificates (DER or PEM), and cert_chain PEM files (ASK, ARK).
class CollateralStore {
 public:
  static Result<CollateralStore> Open(const std::filesystem::path& path);

  // The collateral for a TEE ("SGX"/"TDX") and FMSPC at `now`: of those whose TCB info covers
  // it, the highest TCB evaluation data number; if none does, the newest (its verification will
  // then say what expired). NotFound if no TCB info has that FMSPC.
  Result<evidence::DcapCollateral> FindDcap(std::string_view tee, ByteSpan fmspc,
                                            int64_t now) const;
  // The VCEK or VLEK that can have signed `report`: its type matches the report's signing key,
  // and a VCEK's hwID matches CHIP_ID and its TCB the reported TCB. NotFound if none.
  Result<crypto::Certificate> FindVek(const evidence::SnpReport& report) const;
  // AMD CA certificates found in the store (offered as intermediates, never as anchors).
  const std::vector<crypto::Certificate>& amd_certificates() const { return amd_; }

  size_t dcap_count() const { return dcap_.size(); }
  size_t vek_count() const { return veks_.size(); }

 private:
  struct DcapEntry {
    std::filesystem::path source;
    evidence::DcapCollateral collateral;
    std::string tee;
    std::array<uint8_t, 6> fmspc{};
    Timestamp issue_date, next_update;
    int64_t evaluation_data_number = 0;
  };
  Status AddFile(const std::filesystem::path& file);
  Status AddPcsDirectory(const std::filesystem::path& dir);
  Status AddDcap(const std::filesystem::path& source, evidence::DcapCollateral collateral);

  std::vector<DcapEntry> dcap_;
  std::vector<crypto::Certificate> veks_;
  std::vector<crypto::Certificate> amd_;
};

struct VerifyRequest {
  EvidenceKind kind = EvidenceKind::kAuto;
  Bytes evidence;
  const CollateralStore* collateral = nullptr;  // none: DCAP quote-only mode
  int64_t now_unix_seconds = 0;
  std::optional<Bytes> nonce;  // TPM / Azure vTPM: the expected qualifying data
  SnpPolicy snp_policy;
  bool allow_sha1_tpm = false;  // accept TPM quotes signed with SHA-1 (e.g. GCP vTPM AKs)
};

Result<Verified> VerifyEvidence(const VerifyRequest& request, const TrustAnchors& trust);

}  // namespace confidant::verify

#endif  // CONFIDANT_VERIFY_EVIDENCE_VERIFIER_H_
