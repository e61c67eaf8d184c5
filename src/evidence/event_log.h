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

#include <array>
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
inline constexpr uint32_t kEvEfiVariableDriverConfig = 0x80000001;
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

// UEFI_VARIABLE_DATA (PC Client PFP section 10.4.2), the data of EV_EFI_VARIABLE_* events:
// VariableName (EFI_GUID) ‖ UnicodeNameLength u64 (characters) ‖ VariableDataLength u64 ‖
// UnicodeName (UTF-16LE) ‖ VariableData. Nothing may follow.
struct UefiVariable {
  std::array<uint8_t, 16> guid{};  // wire order (the first three GUID fields little-endian)
  std::u16string name;
  Bytes data;
};
Result<UefiVariable> ParseUefiVariable(ByteSpan event_data);

// EFI_GLOBAL_VARIABLE, 8BE4DF61-93CA-11D2-AA0D-00E098032B8C, in wire order: the vendor GUID of
// SecureBoot, PK and KEK.
inline constexpr std::array<uint8_t, 16> kEfiGlobalVariableGuid = {
    0x61, 0xdf, 0xe4, 0x8b, 0xca, 0x93, 0xd2, 0x11, 0xaa, 0x0d, 0x00, 0xe0, 0x98, 0x03, 0x2b, 0x8c};

// Secure boot state measured by the log: the value of the last EV_EFI_VARIABLE_DRIVER_CONFIG
// event in PCR 7 for the global "SecureBoot" variable whose `tpm_alg` digest is the hash of its
// data (so the data is what was measured). True for a single byte 1, false for any other value;
// NotFound if the log measured no such event. Trust the answer only if PCR 7 of that bank is
// quoted and equal to the replay.
Result<bool> SecureBootEnabled(const EventLog& log, uint16_t tpm_alg);

}  // namespace confidant::evidence

#endif  // CONFIDANT_EVIDENCE_EVENT_LOG_H_
