#include "evidence/snp_report.h"

#include <string>

#include "common/byte_reader.h"

namespace confidant::evidence {
namespace {

constexpr uint64_t kPolicyReservedOne = uint64_t{1} << 17;
constexpr uint64_t kPolicyMbzMask = ~((uint64_t{1} << 26) - 1);  // bits 63:26
constexpr uint32_t kSignerInfoMbzMask = ~uint32_t{0x1f};         // bits 31:5

Status Mbz(bool ok, std::string_view field) {
  if (ok) return OkStatus();
  return InvalidArgumentError("snp report: " + std::string(field) + ": must-be-zero bits are set");
}

}  // namespace

std::string_view SnpProductName(SnpProduct product) {
  switch (product) {
    case SnpProduct::kMilan:
      return "Milan";
    case SnpProduct::kGenoa:
      return "Genoa";
    case SnpProduct::kTurin:
      return "Turin";
  }
  return "unknown";
}

SnpTcb DecodeSnpTcb(uint64_t raw, SnpProduct product) {
  auto byte = [raw](int i) { return static_cast<uint8_t>(raw >> (8 * i)); };
  SnpTcb tcb;
  if (product == SnpProduct::kTurin) {
    tcb.fmc = byte(0);
    tcb.bootloader = byte(1);
    tcb.tee = byte(2);
    tcb.snp = byte(3);
  } else {
    tcb.bootloader = byte(0);
    tcb.tee = byte(1);
    tcb.snp = byte(6);
  }
  tcb.microcode = byte(7);
  return tcb;
}

std::optional<SnpProduct> SnpReport::product() const {
  if (!cpuid_family || !cpuid_model) return std::nullopt;
  // Family 19h: Milan (models 00h-0Fh), Genoa (10h-1Fh, A0h-AFh); family 1Ah: Turin.
  if (*cpuid_family == 0x19 && *cpuid_model <= 0x0f) return SnpProduct::kMilan;
  if (*cpuid_family == 0x19 && ((*cpuid_model >= 0x10 && *cpuid_model <= 0x1f) ||
                                (*cpuid_model >= 0xa0 && *cpuid_model <= 0xaf))) {
    return SnpProduct::kGenoa;
  }
  if (*cpuid_family == 0x1a) return SnpProduct::kTurin;
  return std::nullopt;
}

Result<SnpReport> ParseSnpReport(ByteSpan bytes) {
  if (bytes.size() != kSnpReportSize) {
    return InvalidArgumentError("snp report: " + std::to_string(bytes.size()) +
                                " bytes, expected 1184");
  }
  ByteReader r(bytes, "snp report");
  SnpReport s;
  ASSIGN_OR_RETURN(s.version, r.ReadU32Le("version"));
  if (s.version < kSnpMinVersion || s.version > kSnpMaxVersion) {
    return InvalidArgumentError("snp report: unsupported version " + std::to_string(s.version) +
                                " (2 to 5 are known)");
  }
  ASSIGN_OR_RETURN(s.guest_svn, r.ReadU32Le("guest svn"));
  ASSIGN_OR_RETURN(s.policy, r.ReadU64Le("policy"));
  RETURN_IF_ERROR(Mbz((s.policy & kPolicyMbzMask) == 0, "policy"));
  if ((s.policy & kPolicyReservedOne) == 0) {
    return InvalidArgumentError("snp report: policy: reserved bit 17 must be 1");
  }
  ASSIGN_OR_RETURN(s.family_id, r.ReadArray<16>("family id"));
  ASSIGN_OR_RETURN(s.image_id, r.ReadArray<16>("image id"));
  ASSIGN_OR_RETURN(s.vmpl, r.ReadU32Le("vmpl"));
  ASSIGN_OR_RETURN(s.signature_algo, r.ReadU32Le("signature algo"));
  if (s.signature_algo != 1) {
    return InvalidArgumentError("snp report: signature algo " + std::to_string(s.signature_algo) +
                                ", expected 1 (ECDSA P-384 with SHA-384)");
  }
  ASSIGN_OR_RETURN(s.current_tcb, r.ReadU64Le("current tcb"));
  ASSIGN_OR_RETURN(s.platform_info, r.ReadU64Le("platform info"));
  ASSIGN_OR_RETURN(uint32_t signer, r.ReadU32Le("signer info"));
  RETURN_IF_ERROR(Mbz((signer & kSignerInfoMbzMask) == 0, "signer info"));
  s.author_key_en = (signer & 1) != 0;
  s.mask_chip_key = (signer & 2) != 0;
  uint32_t key = (signer >> 2) & 7;
  if (key != 0 && key != 1 && key != 7) {
    return InvalidArgumentError("snp report: signer info: unknown signing key " +
                                std::to_string(key));
  }
  s.signing_key = static_cast<SnpSigningKey>(key);
  RETURN_IF_ERROR(r.ExpectZero(4, "reserved 0x4c"));
  ASSIGN_OR_RETURN(s.report_data, r.ReadArray<64>("report data"));
  ASSIGN_OR_RETURN(s.measurement, r.ReadArray<48>("measurement"));
  ASSIGN_OR_RETURN(s.host_data, r.ReadArray<32>("host data"));
  ASSIGN_OR_RETURN(s.id_key_digest, r.ReadArray<48>("id key digest"));
  ASSIGN_OR_RETURN(s.author_key_digest, r.ReadArray<48>("author key digest"));
  ASSIGN_OR_RETURN(s.report_id, r.ReadArray<32>("report id"));
  ASSIGN_OR_RETURN(s.report_id_ma, r.ReadArray<32>("report id ma"));
  ASSIGN_OR_RETURN(s.reported_tcb, r.ReadU64Le("reported tcb"));
  if (s.version >= 3) {
    ASSIGN_OR_RETURN(s.cpuid_family, r.ReadU8("cpuid family"));
    ASSIGN_OR_RETURN(s.cpuid_model, r.ReadU8("cpuid model"));
    ASSIGN_OR_RETURN(s.cpuid_stepping, r.ReadU8("cpuid stepping"));
    RETURN_IF_ERROR(r.ExpectZero(21, "reserved 0x18b"));
  } else {
    RETURN_IF_ERROR(r.ExpectZero(24, "reserved 0x188"));
  }
  ASSIGN_OR_RETURN(s.chip_id, r.ReadArray<64>("chip id"));
  ASSIGN_OR_RETURN(s.committed_tcb, r.ReadU64Le("committed tcb"));
  ASSIGN_OR_RETURN(s.current_build, r.ReadU8("current build"));
  ASSIGN_OR_RETURN(s.current_minor, r.ReadU8("current minor"));
  ASSIGN_OR_RETURN(s.current_major, r.ReadU8("current major"));
  RETURN_IF_ERROR(r.ExpectZero(1, "reserved 0x1eb"));
  ASSIGN_OR_RETURN(s.committed_build, r.ReadU8("committed build"));
  ASSIGN_OR_RETURN(s.committed_minor, r.ReadU8("committed minor"));
  ASSIGN_OR_RETURN(s.committed_major, r.ReadU8("committed major"));
  RETURN_IF_ERROR(r.ExpectZero(1, "reserved 0x1ef"));
  ASSIGN_OR_RETURN(s.launch_tcb, r.ReadU64Le("launch tcb"));
  if (s.version >= 5) {
    ASSIGN_OR_RETURN(s.launch_mit_vector, r.ReadU64Le("launch mit vector"));
    ASSIGN_OR_RETURN(s.current_mit_vector, r.ReadU64Le("current mit vector"));
    RETURN_IF_ERROR(r.ExpectZero(0x2a0 - 0x208, "reserved 0x208"));
  } else {
    RETURN_IF_ERROR(r.ExpectZero(0x2a0 - 0x1f8, "reserved 0x1f8"));
  }
  ASSIGN_OR_RETURN(s.signature_r, r.ReadArray<72>("signature r"));
  ASSIGN_OR_RETURN(s.signature_s, r.ReadArray<72>("signature s"));
  RETURN_IF_ERROR(r.ExpectZero(r.remaining(), "signature reserved"));
  s.signed_bytes.assign(bytes.begin(), bytes.begin() + kSnpSignedSize);
  return s;
}

}  // namespace confidant::evidence
