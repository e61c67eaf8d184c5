// The AMD extensions of a VCEK or VLEK certificate (OIDs 1.3.6.1.4.1.3704.1.*): the product name,
// the TCB security patch levels the key is certified for, and (VCEK) the chip's hwID.
// Reference: shared/reference/sev-snp.md section 4.
//
// The certificate is untrusted until its chain verifies; ReadVekExtensions only decodes. An absent
// extension is not an error here (VLEKs carry no hwID; the verifier decides what it needs), a
// malformed one is InvalidArgument naming it ("vek: blSPL out of range").

#ifndef CONFIDANT_EVIDENCE_SNP_VEK_H_
#define CONFIDANT_EVIDENCE_SNP_VEK_H_

#include <cstdint>
#include <optional>
#include <string>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/certificate.h"
#include "evidence/snp_report.h"

namespace confidant::evidence {

inline constexpr char kVekProductNameOid[] = "1.3.6.1.4.1.3704.1.2";
inline constexpr char kVekHwidOid[] = "1.3.6.1.4.1.3704.1.4";

struct VekExtensions {
  std::string product_name;  // IA5String "Milan-B0", "Genoa", "Turin-B1"; empty if absent
  // The SPL INTEGERs (0..255), each nullopt if absent: .3.1 blSPL, .3.2 teeSPL, .3.3 snpSPL,
  // .3.8 ucodeSPL, .3.9 fmcSPL (Turin).
  std::optional<uint8_t> bl_spl, tee_spl, snp_spl, ucode_spl, fmc_spl;
  // The raw extension value: CHIP_ID, or its first 8 bytes on Turin. AMD's KDS adds no DER tag.
  std::optional<Bytes> hwid;

  // The product line the name starts with ("Milan" or "Milan-…"); nullopt if none matches.
  std::optional<SnpProduct> product() const;
  // The stepping digit of the name's suffix ("Milan-B0" -> 0); nullopt without one (VLEKs say
  // "Milan").
  std::optional<int> stepping() const;
  // The TCB the VEK certifies, laid out for `product` (fmcSPL only for Turin). InvalidArgument
  // naming the first SPL that is absent ("vek: no blSPL extension").
  Result<SnpTcb> Tcb(SnpProduct product) const;
  // True if there is a non-empty hwID and `chip_id` starts with it.
  bool MatchesChipId(ByteSpan chip_id) const;
};

Result<VekExtensions> ReadVekExtensions(const crypto::Certificate& vek);

}  // namespace confidant::evidence

#endif  // CONFIDANT_EVIDENCE_SNP_VEK_H_
