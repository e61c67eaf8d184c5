// Verification of Intel DCAP ECDSA quotes: SGX (v3, and Open Enclave's wrapper), TDX (v4, v5),
// fully offline. The checks, in order (docs/attestation-evidence.md has each with its reference):
//
//  1. PCK chain: the PEM chain in the certification data parses; its root is self-signed and
//     carries the key of a trusted Intel SGX Root CA (pinned by key, so both published issues of
//     the root work); leaf <- Platform/Processor CA <- root verifies at `now`, with the PCK CRL
//     and root CA CRL when collateral is given.
//  2. QE report signature by the PCK leaf key; QE report data = SHA-256(attestation key || QE
//     authentication data) followed by 32 zero bytes.
//  3. Quote signature by the attestation key over header and body.
//  With collateral:
//  4. TCB info and QE identity: issuer chain to the pinned root (with the root CA CRL), ECDSA
//     signature over the exact signed text, issueDate <= now < nextUpdate; the TCB info is for
//     the quote's TEE, and for the FMSPC and PCE-ID of the PCK certificate.
//  5. TDX module: MRSIGNERSEAM and SEAMATTRIBUTES against the TCB info's tdxModule.
//  6. QE identity: masked MISCSELECT and ATTRIBUTES, MRSIGNER, ISVPRODID; QE TCB level.
//  7. Platform TCB level: the highest level the PCK certificate's SGX components and PCESVN (and
//     for TDX the TEE_TCB_SVN, by `TdxTcbRule`) reach; none is a rejection.
//  8. Status: platform level, converged with the TDX module identity's and the QE's status
//     exactly as Intel's QVL does; advisory IDs of every level used.
//
// Failures follow verification.h: "sgx: quote signature: ...", "tdx: no matching tcb level: ...".
#ifndef CONFIDANT_VERIFY_DCAP_VERIFIER_H_
#define CONFIDANT_VERIFY_DCAP_VERIFIER_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/certificate.h"
#include "evidence/dcap_collateral.h"
#include "evidence/dcap_quote.h"
#include "evidence/pck_extensions.h"
#include "verify/verification.h"
#include "verify/verification_cache.h"

namespace confidant::verify {

// How TDX TEE_TCB_SVN is compared with a level's tdxtcbcomponents.
enum class TdxTcbRule {
  // Intel QVL / QvE: when TEE_TCB_SVN[1] (the TDX module's major version) is non-zero, bytes 0
  // and 1 are skipped and the module is checked through tdxModuleIdentities instead.
  kIntelQvl,
  // dcap-qvl: all 16 bytes, always (the module identity is still checked).
  kAllComponents,
};

struct DcapOptions {
  TdxTcbRule tdx_rule = TdxTcbRule::kIntelQvl;
  // Remembers verified CA paths and collateral across calls (verification_cache.h); null: none.
  VerificationCache* cache = nullptr;
};

struct VerifiedDcapQuote {
  evidence::DcapQuote quote;
  Bytes quote_bytes;  // what was hashed for x-ms-sgx-collateral.quotehash
  evidence::PckExtensions pck;
  std::string pck_issuer;    // "Intel SGX PCK Platform CA" or "... Processor CA"
  std::string trust_anchor;  // the Intel root's subject
  // With collateral only.
  std::optional<evidence::TcbStatus> tcb_status;
  std::optional<evidence::TcbStatus> platform_status, qe_status, tdx_module_status;
  std::vector<std::string> advisories;
  std::optional<Timestamp> tcb_date;
  int64_t tcb_evaluation_data_number = 0;
  nlohmann::json collateral_hashes;  // x-ms-sgx-collateral
};

// `quote` is a DCAP quote, or an Open Enclave remote report around one. Without collateral only
// checks 1-3 run (the quote-only mode); tcb_status is then unset.
Result<VerifiedDcapQuote> VerifyDcapQuote(ByteSpan quote,
                                          const evidence::DcapCollateral* collateral,
                                          std::span<const crypto::Certificate> intel_roots,
                                          int64_t now_unix_seconds,
                                          const DcapOptions& options = {});

// Step 7 alone: the highest level of `info` that `pck` (and for TDX, `td`'s TEE_TCB_SVN under
// `rule`) reaches, or nullptr.
const evidence::TcbLevel* SelectPlatformTcbLevel(const evidence::TcbInfo& info,
                                                 const evidence::PckTcb& pck,
                                                 const evidence::TdReportBody* td, TdxTcbRule rule);

// Claims under MAA's names: x-ms-sgx-* for SGX, tdx_* for TDX, plus x-confidant-* for the PCK
// certificate's FMSPC / PCE-ID / TCB and the header's QE and PCE SVN.
Verified ToVerified(const VerifiedDcapQuote& verified);

}  // namespace confidant::verify

#endif  // CONFIDANT_VERIFY_DCAP_VERIFIER_H_
