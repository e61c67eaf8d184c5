// The Intel SGX extension of a PCK certificate (OID 1.2.840.113741.1.13.1): the platform's FMSPC,
// PCE-ID and TCB (16 SGX component SVNs, PCESVN, CPUSVN) that TCB evaluation compares with Intel's
// TCB info. Reference: shared/reference/sgx-and-dcap.md section 10.
//
// The extension is untrusted bytes until the PCK chain verifies; parsing checks its DER strictly:
// every required entry exactly once, the right types and sizes, nothing after the last element.
#ifndef CONFIDANT_EVIDENCE_PCK_EXTENSIONS_H_
#define CONFIDANT_EVIDENCE_PCK_EXTENSIONS_H_

#include <array>
#include <cstdint>
#include <optional>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/certificate.h"

namespace confidant::evidence {

inline constexpr char kSgxExtensionOid[] = "1.2.840.113741.1.13.1";

enum class SgxType { kStandard = 0, kScalable = 1, kScalableWithIntegrity = 2 };

struct PckTcb {
  std::array<uint8_t, 16> sgx_components{};  // SGX TCB COMP01..16 SVN
  uint16_t pcesvn = 0;
  std::array<uint8_t, 16> cpusvn{};
};

struct PckExtensions {
  std::array<uint8_t, 16> ppid{};
  PckTcb tcb;
  std::array<uint8_t, 2> pce_id{};
  std::array<uint8_t, 6> fmspc{};
  SgxType sgx_type = SgxType::kStandard;
  std::optional<std::array<uint8_t, 16>> platform_instance_id;  // Platform CA certificates
  std::optional<bool> dynamic_platform, cached_keys, smt_enabled;
};

// The DER of the extension's value (the SEQUENCE inside extnValue).
Result<PckExtensions> ParsePckExtensions(ByteSpan der);
// Finds the extension in `pck` and parses it; InvalidArgument if absent.
Result<PckExtensions> ReadPckExtensions(const crypto::Certificate& pck);

}  // namespace confidant::evidence

#endif  // CONFIDANT_EVIDENCE_PCK_EXTENSIONS_H_
