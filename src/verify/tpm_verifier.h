// Verification of TPM 2.0 quotes (TPM 2.0 Library Part 3, TPM2_Quote) with the PCR values they
// cover and, optionally, the TCG event log that explains them. Checks in order (docs/
// attestation-evidence.md):
//
//   "tpm: ak"                  the AK is a restricted signing key (only such a key's signature
//                              proves the TPM produced the TPMS_ATTEST) and fits the signature
//   "tpm: tpm quote signature" the TPMT_SIGNATURE over the TPMS_ATTEST verifies with the AK
//                              (SHA-1 only when the caller allows it)
//   "tpm: nonce"               extraData equals the expected nonce
//   "tpm: pcr digest"          the hash (the signature's) of the selected PCR values, in
//                              selection order, equals the quoted pcrDigest
//   "tpm: event log"           replaying the log gives, for every quoted PCR it extends, the
//                              quoted value
//
// What a TPM quote proves rests on trusting the AK: Confidant does not check where an AK came from
// (EK certificate, credential activation). The AK's name is the trust anchor, for a relying party
// to pin; Azure vTPM evidence (azure_vtpm_verifier.h) binds the AK to an SNP report instead.

#ifndef CONFIDANT_VERIFY_TPM_VERIFIER_H_
#define CONFIDANT_VERIFY_TPM_VERIFIER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/key.h"
#include "evidence/event_log.h"
#include "evidence/tpm_evidence.h"
#include "evidence/tpm_quote.h"
#include "verify/verification.h"

namespace confidant::verify {

struct TpmQuoteOptions {
  std::optional<Bytes> nonce;  // the expected extraData; unset: not compared (claims carry it)
  bool allow_sha1 = false;     // accept RSASSA/SHA-1 and ECDSA/SHA-1 quotes (older vTPMs)
};

struct VerifiedTpmQuote {
  evidence::TpmQuote quote;
  evidence::TpmSignature signature;
  // The quoted PCR values: bank (TPM_ALG_ID) -> index -> value.
  std::map<uint16_t, std::map<uint32_t, Bytes>> pcrs;
  bool event_log_present = false;
  // Per bank, the PCRs the event log extends, each equal to its quoted value.
  std::map<uint16_t, std::vector<uint32_t>> event_log_pcrs;
  std::optional<bool> secure_boot;  // from the log, when PCR 7 is among the verified ones
};

// `signature` may come from a TPMT_SIGNATURE or (Azure) a raw RSASSA signature. `pcrs` must hold
// a value for every quoted PCR; extra values are ignored. `event_log` may be empty (no log).
// `kind` prefixes the rejections ("tpm", "azure-vtpm").
Result<VerifiedTpmQuote> VerifyTpmQuote(std::string_view kind, const crypto::PublicKey& ak,
                                        ByteSpan attest, const evidence::TpmSignature& signature,
                                        std::span<const evidence::PcrValue> pcrs,
                                        ByteSpan event_log, const TpmQuoteOptions& options);

// A TPM evidence document (go-attestation's Dump, evidence/tpm_evidence.h): the AK is checked to
// be a restricted signing key whose fixed scheme (if any) is the signature's, then VerifyTpmQuote.
struct VerifiedTpmEvidence {
  evidence::TpmPublicKey ak;
  Bytes ak_name;  // nameAlg ‖ H_nameAlg(TPMT_PUBLIC), the TPM's name of the key
  VerifiedTpmQuote quote;
};
Result<VerifiedTpmEvidence> VerifyTpmEvidence(const evidence::TpmEvidence& evidence,
                                              const TpmQuoteOptions& options);

// Claims shared by TPM-based results: "x-confidant-tpm-pcrs" {bank: {index: hex}},
// "x-confidant-tpm-nonce", "x-confidant-tpm-clock", "x-confidant-tpm-event-log-pcrs",
// "secureboot" (when the log showed it).
nlohmann::json TpmQuoteClaims(const VerifiedTpmQuote& verified);

// Attestation type "tpm"; TpmQuoteClaims plus "x-confidant-tpm-ak-name"; trust anchor
// "tpm-ak:<name hex>".
Verified ToVerified(const VerifiedTpmEvidence& verified);

}  // namespace confidant::verify

#endif  // CONFIDANT_VERIFY_TPM_VERIFIER_H_
