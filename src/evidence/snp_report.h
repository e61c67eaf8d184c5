// AMD SEV-SNP ATTESTATION_REPORT (1184 bytes, little-endian), versions 2 to 5.
// Layout: docs/attestation-evidence.md and shared/reference/sev-snp.md section 1.
//
// ParseSnpReport checks structure only: version, signature algorithm, and that every field the
// ABI marks must-be-zero is zero (as go-sev-guest does), so a report that carries data where the
// firmware writes none is refused. The signature and TCB checks are src/verify's job.

#ifndef CONFIDANT_EVIDENCE_SNP_REPORT_H_
#define CONFIDANT_EVIDENCE_SNP_REPORT_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/bytes.h"
#include "common/result.h"

namespace confidant::evidence {

inline constexpr size_t kSnpReportSize = 0x4a0;
inline constexpr size_t kSnpSignedSize = 0x2a0;
inline constexpr uint32_t kSnpMinVersion = 2;
inline constexpr uint32_t kSnpMaxVersion = 5;

enum class SnpProduct { kMilan, kGenoa, kTurin };
std::string_view SnpProductName(SnpProduct product);

// A TCB_VERSION, decoded for a product: Milan and Genoa use the legacy byte layout, Turin adds
// the FMC SVN and moves the others (reference section 2).
struct SnpTcb {
  uint8_t fmc = 0;  // Turin only
  uint8_t bootloader = 0;
  uint8_t tee = 0;
  uint8_t snp = 0;
  uint8_t microcode = 0;
  friend bool operator==(const SnpTcb&, const SnpTcb&) = default;
};
SnpTcb DecodeSnpTcb(uint64_t raw, SnpProduct product);

enum class SnpSigningKey { kVcek = 0, kVlek = 1, kNone = 7 };

struct SnpReport {
  uint32_t version = 0;
  uint32_t guest_svn = 0;
  uint64_t policy = 0;
  std::array<uint8_t, 16> family_id{};
  std::array<uint8_t, 16> image_id{};
  uint32_t vmpl = 0;
  uint32_t signature_algo = 0;
  uint64_t current_tcb = 0;
  uint64_t platform_info = 0;
  bool author_key_en = false;
  bool mask_chip_key = false;
  SnpSigningKey signing_key = SnpSigningKey::kVcek;
  std::array<uint8_t, 64> report_data{};
  std::array<uint8_t, 48> measurement{};
  std::array<uint8_t, 32> host_data{};
  std::array<uint8_t, 48> id_key_digest{};
  std::array<uint8_t, 48> author_key_digest{};
  std::array<uint8_t, 32> report_id{};
  std::array<uint8_t, 32> report_id_ma{};
  uint64_t reported_tcb = 0;
  // v3+: CPUID family, model and stepping of the chip.
  std::optional<uint8_t> cpuid_family, cpuid_model, cpuid_stepping;
  std::array<uint8_t, 64> chip_id{};
  uint64_t committed_tcb = 0;
  uint8_t current_build = 0, current_minor = 0, current_major = 0;
  uint8_t committed_build = 0, committed_minor = 0, committed_major = 0;
  uint64_t launch_tcb = 0;
  // v5+.
  std::optional<uint64_t> launch_mit_vector, current_mit_vector;
  std::array<uint8_t, 72> signature_r{};  // little-endian, zero-extended
  std::array<uint8_t, 72> signature_s{};
  Bytes signed_bytes;  // bytes [0, 0x2a0), what the VCEK/VLEK signs

  bool debug() const { return (policy >> 19) & 1; }
  // The product from the v3+ CPUID fields; nullopt for v2 or an unknown chip.
  std::optional<SnpProduct> product() const;
};

// `bytes` must be exactly 1184 bytes.
Result<SnpReport> ParseSnpReport(ByteSpan bytes);

}  // namespace confidant::evidence

#endif  // CONFIDANT_EVIDENCE_SNP_REPORT_H_
