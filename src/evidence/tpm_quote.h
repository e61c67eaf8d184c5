// TPM 2.0 quote structures (TPM 2.0 Library, Part 2): TPMS_ATTEST of a quote, TPMT_SIGNATURE and
// the signing key's TPMT_PUBLIC. Decoding is tpm2-tss's marshalling library (Tss2_MU_*), which
// bounds every field; this layer adds what a quote must be (magic, tag, no trailing bytes) and
// converts the key to a crypto::PublicKey. Big-endian on the wire. Nothing here is verified.

#ifndef CONFIDANT_EVIDENCE_TPM_QUOTE_H_
#define CONFIDANT_EVIDENCE_TPM_QUOTE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/key.h"

namespace confidant::evidence {

inline constexpr uint16_t kTpmAlgRsa = 0x0001;
inline constexpr uint16_t kTpmAlgEcc = 0x0023;
inline constexpr uint16_t kTpmAlgRsassa = 0x0014;
inline constexpr uint16_t kTpmAlgRsapss = 0x0016;
inline constexpr uint16_t kTpmAlgEcdsa = 0x0018;

// A TPM value (algorithm, attributes, tag) or a TSS return code as messages write it: "0x" and
// eight lowercase hex digits ("0x0000001b").
std::string TpmHex(uint32_t value);

struct PcrSelection {
  uint16_t hash_alg = 0;       // TPM_ALG_ID of the bank
  std::vector<uint32_t> pcrs;  // ascending
};

struct TpmQuote {
  Bytes attest_bytes;  // the marshalled TPMS_ATTEST the signature covers
  Bytes qualified_signer;
  Bytes extra_data;  // the caller's nonce
  uint64_t clock = 0;
  uint32_t reset_count = 0;
  uint32_t restart_count = 0;
  bool safe = false;
  uint64_t firmware_version = 0;
  std::vector<PcrSelection> pcr_selections;
  Bytes pcr_digest;  // hash of the selected PCR values, in selection order
};

// A marshalled TPMS_ATTEST: magic must be TPM_GENERATED_VALUE, type TPM_ST_ATTEST_QUOTE, and
// nothing may follow it.
Result<TpmQuote> ParseTpmQuote(ByteSpan attest);

struct TpmSignature {
  uint16_t sig_alg = 0;    // RSASSA, RSAPSS or ECDSA
  uint16_t hash_alg = 0;   // TPM_ALG_ID
  Bytes rsa_signature;     // RSA schemes
  Bytes ecdsa_r, ecdsa_s;  // ECDSA, big-endian
};

// A marshalled TPMT_SIGNATURE of one of the schemes above.
Result<TpmSignature> ParseTpmSignature(ByteSpan signature);

// TPMA_OBJECT bits a verifier looks at.
inline constexpr uint32_t kTpmaObjectFixedTpm = 1u << 1;
inline constexpr uint32_t kTpmaObjectRestricted = 1u << 16;
inline constexpr uint32_t kTpmaObjectSign = 1u << 18;

struct TpmPublicKey {
  uint16_t type = 0;               // RSA or ECC
  uint16_t name_alg = 0;           // TPM_ALG_ID
  uint32_t object_attributes = 0;  // TPMA_OBJECT
  uint16_t scheme = 0;             // the key's signing scheme, 0x0010 (NULL) if none is fixed
  uint16_t scheme_hash = 0;
  crypto::PublicKey key;
};

// A marshalled TPMT_PUBLIC of an RSA or ECC (P-256, P-384) key.
Result<TpmPublicKey> ParseTpmPublic(ByteSpan tpmt_public);

}  // namespace confidant::evidence

#endif  // CONFIDANT_EVIDENCE_TPM_QUOTE_H_
