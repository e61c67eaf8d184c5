// The Open Enclave enclave configuration file (`oesign sign -c FILE`): one `Key=Value` per line,
// `#` comments and blank lines. Spec: docs/enclave-images.md; keys as in
// shared/reference/open-enclave-sdk.md section 8 and OE's tools/oesign/oesign.c.
//
// The text is untrusted: every error is InvalidArgument and names the file and line
// ("app.conf:3: bad value for 'NumTCS': 0 (must be 1..32)"). Numbers are unsigned decimal, as
// OE's str_u64/str_u16 read them. A key given twice, an unknown key or a line without '=' is an
// error. Keys not given keep the defaults documented on EnclaveConfig.
// Thread-safety: pure functions over values.

#ifndef CONFIDANT_IMAGE_ENCLAVE_CONFIG_H_
#define CONFIDANT_IMAGE_ENCLAVE_CONFIG_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/result.h"

namespace confidant::image {

inline constexpr uint64_t kPageSize = 4096;
// OE_SGX_MAX_TCS.
inline constexpr uint64_t kMaxTcs = 32;
// 2^24 pages = 64 GiB: far above any EPC, low enough that page counts times kPageSize cannot
// overflow a u64 downstream.
inline constexpr uint64_t kMaxHeapPages = uint64_t{1} << 24;
inline constexpr uint64_t kMaxStackPages = uint64_t{1} << 24;

struct EnclaveConfig {
  bool debug = false;               // Debug: OE's default (production)
  uint64_t num_heap_pages = 1024;   // NumHeapPages: 4 MiB
  uint64_t num_stack_pages = 1024;  // NumStackPages: 4 MiB per thread
  uint64_t num_tcs = 1;             // NumTCS
  uint16_t product_id = 0;          // ProductID -> ISVPRODID
  uint16_t security_version = 0;    // SecurityVersion -> ISVSVN
  // KSS (FamilyID, ExtendedProductID): 16 bytes from a UUID string, in textual byte order. OE
  // sets ATTRIBUTES.KSS when either is given.
  std::optional<std::array<uint8_t, 16>> family_id;
  std::optional<std::array<uint8_t, 16>> extended_product_id;
  bool capture_pf_gp_exceptions = false;  // CapturePFGPExceptions (SGX2)
  bool create_zero_base_enclave = false;  // CreateZeroBaseEnclave
  std::optional<uint64_t> start_address;  // StartAddress: page-aligned

  bool kss() const { return family_id.has_value() || extended_product_id.has_value(); }
  friend bool operator==(const EnclaveConfig&, const EnclaveConfig&) = default;
};

// Parses `text`; `name` (usually the file name) prefixes every error message.
Result<EnclaveConfig> ParseEnclaveConfig(std::string_view text, std::string_view name);

}  // namespace confidant::image

#endif  // CONFIDANT_IMAGE_ENCLAVE_CONFIG_H_
