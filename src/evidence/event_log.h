// TCG PC Client firmware event logs (TCG PC Client Platform Firmware Profile, section 10), in
// both formats: crypto-agile (first event a SHA-1-format EV_NO_ACTION carrying the "Spec ID
// Event03" algorithm table, then TCG_PCR_EVENT2 records) and the older SHA-1-only format.
// Little-endian. The bytes are untrusted: every length is checked against what remains and every
// digest algorithm must be one the Spec ID event declared.
//
// Replay recomputes PCR values from the digests (event data is only a hint); compare the result
// with a quote's PCRs before trusting any event.

#ifndef CONFIDANT_EVIDENCE_EVENT_LOG_H_
#define CONFIDANT_EVIDENCE_EVENT_LOG_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/hash_algorithm.h"

namespace confidant::evidence {

// TPM_ALG_ID values of the digest algorithms a log may carry.
inline constexpr uint16_t kTpmAlgSha1 = 0x0004;
inline constexpr uint16_t kTpmAlgSha256 = 0x000b;
inline constexpr uint16_t kTpmAlgSha384 = 0x000c;
inline constexpr uint16_t kTpmAlgSha512 = 0x000d;

// Event types this layer interprets.
inline constexpr uint32_t kEvNoAction = 0x00000003;
inline constexpr uint32_t kEvSeparator = 0x00000004;
inline constexpr uint32_t kEvEfiVariableAuthority = 0x800000e0;

// "sha1", "sha256", "sha384", "sha512", or "alg 0x…".
std::string AlgorithmName(uint16_t tpm_alg);
// The crypto layer's algorithm for a TPM_ALG_ID; InvalidArgument for others (e.g. SM3).
Result<crypto::HashAlgorithm> HashForTpmAlg(uint16_t tpm_alg);

struct EventDigest {
  uint16_t algorithm = 0;  // TPM_ALG_ID
  Bytes digest;
};

struct TcgEvent {
  uint32_t pcr = 0;
  uint32_t type = 0;
  std::vector<EventDigest> digests;
  Bytes data;
  size_t offset = 0;  // where the event starts in the log
};

struct SpecIdAlgorithm {
  uint16_t algorithm = 0;
  uint16_t digest_size = 0;
};

struct EventLog {
  bool crypto_agile = false;
  // From the Spec ID event; {SHA-1, 20} for a SHA-1-format log.
  std::vector<SpecIdAlgorithm> algorithms;
  // Crypto-agile: the events after the Spec ID event. SHA-1 format: every event.
  std::vector<TcgEvent> events;
};

Result<EventLog> ParseEventLog(ByteSpan bytes);

// PCR index -> value after replaying every event of `tpm_alg` from zeros (EV_NO_ACTION events
// are not extended; a StartupLocality event sets PCR 0's initial last byte to the locality).
// Only PCRs the log extends appear. InvalidArgument if the log does not carry `tpm_alg` or an
// event lacks its digest.
Result<std::map<uint32_t, Bytes>> ReplayEventLog(const EventLog& log, uint16_t tpm_alg);

}  // namespace confidant::evidence

#endif  // CONFIDANT_EVIDENCE_EVENT_LOG_H_
