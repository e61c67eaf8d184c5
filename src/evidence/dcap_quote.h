// Intel DCAP ECDSA quotes: SGX quote v3, and v4/v5 for SGX and TDX (TD 1.0 and TD 1.5 bodies),
// with certification data types 5 (PCK certificate chain) and 6 (QE report certification data).
// Layouts: docs/attestation-evidence.md and shared/reference/sgx-and-dcap.md section 9.
//
// ParseDcapQuote turns untrusted bytes into checked fields and verifies nothing: signatures, the
// PCK chain and the QE binding are src/verify's job. Bytes after the quote (after its signature
// data) are tolerated, as Intel's QVL does; everything else malformed is an InvalidArgument naming
// the field ("quote: signature data: certification data: need 4096 bytes, 1210 remain").

#ifndef CONFIDANT_EVIDENCE_DCAP_QUOTE_H_
#define CONFIDANT_EVIDENCE_DCAP_QUOTE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "common/bytes.h"
#include "common/result.h"

namespace confidant::evidence {

inline constexpr size_t kQuoteHeaderSize = 48;
inline constexpr size_t kSgxReportBodySize = 384;
inline constexpr size_t kTdReportBody10Size = 584;
inline constexpr size_t kTdReportBody15Size = 648;
inline constexpr uint32_t kTeeTypeSgx = 0x00000000;
inline constexpr uint32_t kTeeTypeTdx = 0x00000081;
inline constexpr uint16_t kAttestationKeyEcdsaP256 = 2;
inline constexpr uint16_t kCertificationPckChain = 5;
inline constexpr uint16_t kCertificationQeReport = 6;

struct QuoteHeader {
  uint16_t version = 0;
  uint16_t attestation_key_type = 0;
  uint32_t tee_type = 0;
  uint16_t qe_svn = 0;   // v4+ TDX: reserved
  uint16_t pce_svn = 0;  // v4+ TDX: reserved
  std::array<uint8_t, 16> qe_vendor_id{};
  std::array<uint8_t, 20> user_data{};
};

// The 384-byte SGX REPORT body (of the application enclave, or of the quoting enclave).
struct SgxReportBody {
  std::array<uint8_t, 16> cpu_svn{};
  uint32_t misc_select = 0;
  std::array<uint8_t, 16> isv_ext_prod_id{};
  std::array<uint8_t, 16> attributes{};  // FLAGS (u64 LE) || XFRM (u64 LE)
  std::array<uint8_t, 32> mr_enclave{};
  std::array<uint8_t, 32> mr_signer{};
  std::array<uint8_t, 64> config_id{};
  uint16_t isv_prod_id = 0;
  uint16_t isv_svn = 0;
  uint16_t config_svn = 0;
  std::array<uint8_t, 16> isv_family_id{};
  std::array<uint8_t, 64> report_data{};

  // ATTRIBUTES.FLAGS bit 1.
  bool debug() const { return (attributes[0] & 0x02) != 0; }
};

// The TDX TD report body: 584 bytes (TD 1.0) or 648 bytes (TD 1.5, which adds the last two).
struct TdReportBody {
  std::array<uint8_t, 16> tee_tcb_svn{};
  std::array<uint8_t, 48> mr_seam{};
  std::array<uint8_t, 48> mr_signer_seam{};
  std::array<uint8_t, 8> seam_attributes{};
  std::array<uint8_t, 8> td_attributes{};
  std::array<uint8_t, 8> xfam{};
  std::array<uint8_t, 48> mr_td{};
  std::array<uint8_t, 48> mr_config_id{};
  std::array<uint8_t, 48> mr_owner{};
  std::array<uint8_t, 48> mr_owner_config{};
  std::array<std::array<uint8_t, 48>, 4> rtmr{};
  std::array<uint8_t, 64> report_data{};
  bool td15 = false;
  std::array<uint8_t, 16> tee_tcb_svn2{};   // TD 1.5 only
  std::array<uint8_t, 48> mr_service_td{};  // TD 1.5 only

  // TDATTRIBUTES bit 0 (DEBUG).
  bool debug() const { return (td_attributes[0] & 0x01) != 0; }
};

enum class QuoteBodyType { kSgx, kTd10, kTd15 };

// What the quoting enclave adds: its own report, signed by the PCK key, binding the attestation
// key; and the certification data (for type 5, the PEM PCK chain leaf || intermediate || root).
struct QeCertification {
  Bytes qe_report_bytes;  // the 384 bytes the PCK signature covers
  SgxReportBody qe_report;
  std::array<uint8_t, 64> qe_report_signature{};  // r || s, big-endian
  Bytes qe_auth_data;
  uint16_t certification_type = 0;  // 1..5; with type 6 outside, the inner type
  Bytes certification_data;
};

struct DcapQuote {
  QuoteHeader header;
  QuoteBodyType body_type = QuoteBodyType::kSgx;
  std::optional<SgxReportBody> sgx_body;  // set for kSgx
  std::optional<TdReportBody> td_body;    // set for kTd10 and kTd15
  // The bytes the quote signature covers: header and body (v5: with the body's type and size).
  Bytes signed_bytes;
  std::array<uint8_t, 64> signature{};        // r || s, big-endian, ECDSA P-256 over signed_bytes
  std::array<uint8_t, 64> attestation_key{};  // x || y, big-endian, P-256
  // The outer certification data type: 5 (v3) or 6 (v4/v5).
  uint16_t outer_certification_type = 0;
  QeCertification qe;
  size_t size = 0;  // bytes the quote occupies; anything after it was ignored
};

Result<DcapQuote> ParseDcapQuote(ByteSpan bytes);

Result<SgxReportBody> ParseSgxReportBody(ByteSpan body);  // exactly 384 bytes

// Open Enclave's remote report: a 16-byte header {u32 version = 1, u32 type = 2 (remote),
// u64 size} followed by `size` bytes of SGX quote. Returns the quote bytes.
Result<ByteSpan> UnwrapOpenEnclaveReport(ByteSpan bytes);

// The DCAP quote in `bytes`: unwrapped if they start like an Open Enclave report (u32 version 1;
// a DCAP quote starts with version 3-5), else `bytes` as they are.
Result<ByteSpan> DcapQuoteBytes(ByteSpan bytes);

}  // namespace confidant::evidence

#endif  // CONFIDANT_EVIDENCE_DCAP_QUOTE_H_
