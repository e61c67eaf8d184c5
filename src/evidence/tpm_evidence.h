// TPM attestation evidence as one JSON document: the layout of go-attestation's `Dump` (the
// attest-tool's output, and the vectors' GCP Shielded VM sample), which carries everything a
// verifier needs:
//
//   {"AK":    {"Public": base64 TPMT_PUBLIC, ...},
//    "Quote": {"Nonce": base64, "Alg": TPM_ALG_ID, "Quote": base64 TPMS_ATTEST,
//              "Signature": base64 TPMT_SIGNATURE},
//    "Log":   {"PCRs": [{"Index": n, "Digest": base64, "DigestAlg": Go crypto.Hash}, ...],
//              "Raw": base64 TCG event log}}
//
// Members not listed are ignored. The PCR values are claims of the attester, bound only through the
// quote's PCR digest; nothing here is verified (src/verify/tpm_verifier.h does that).

#ifndef CONFIDANT_EVIDENCE_TPM_EVIDENCE_H_
#define CONFIDANT_EVIDENCE_TPM_EVIDENCE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"

namespace confidant::evidence {

// PC Client TPMs have 24 PCRs.
inline constexpr uint32_t kTpmPcrCount = 24;

struct PcrValue {
  uint32_t index = 0;
  uint16_t bank = 0;  // TPM_ALG_ID of the hash (kTpmAlgSha1, kTpmAlgSha256, ...)
  Bytes digest;       // the bank's digest size
};

struct TpmEvidence {
  Bytes ak_public;             // marshalled TPMT_PUBLIC
  Bytes quote;                 // marshalled TPMS_ATTEST
  Bytes signature;             // marshalled TPMT_SIGNATURE
  Bytes nonce;                 // as the attester recorded it (the quote's extraData is what counts)
  std::vector<PcrValue> pcrs;  // no two with the same index and bank
  Bytes event_log;             // empty when the document has none
};

// InvalidArgument naming the member for anything malformed: not JSON, a missing or mistyped
// member, bad base64, a digest algorithm other than SHA-1/256/384/512, a digest of the wrong
// size, a PCR index of 24 or more, or a PCR given twice.
Result<TpmEvidence> ParseTpmEvidence(std::string_view json);

}  // namespace confidant::evidence

#endif  // CONFIDANT_EVIDENCE_TPM_EVIDENCE_H_
