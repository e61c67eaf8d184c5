#include "verify/snp_verifier.h"

#include <string>
#include <vector>

#include "common/encoding.h"
#include "crypto/chain.h"
#include "crypto/signature.h"
#include "evidence/snp_vek.h"

namespace confidant::verify {
namespace {

using evidence::SnpProduct;
using evidence::SnpReport;
using evidence::SnpSigningKey;
using evidence::SnpTcb;

Status Fail(std::string_view check, std::string_view detail) {
  return Rejected("snp", check, detail);
}

// A VEK extension problem, named as evidence::ReadVekExtensions names it ("vek: ...").
Status VekFail(const Status& status) {
  return UnauthenticatedError("snp: " + std::string(status.message()));
}

Status CheckReportedTcb(const SnpReport& report, SnpProduct product,
                        const evidence::VekExtensions& vek) {
  SnpTcb reported = evidence::DecodeSnpTcb(report.reported_tcb, product);
  Result<SnpTcb> cert = vek.Tcb(product);
  if (!cert.ok()) return VekFail(cert.status());
  auto describe = [](const SnpTcb& t) {
    return "bl " + std::to_string(t.bootloader) + " tee " + std::to_string(t.tee) + " snp " +
           std::to_string(t.snp) + " ucode " + std::to_string(t.microcode) + " fmc " +
           std::to_string(t.fmc);
  };
  if (!(reported == *cert)) {
    return Fail(check::kReportedTcb,
                "report says " + describe(reported) + ", the VEK certifies " + describe(*cert));
  }
  return OkStatus();
}

Status CheckChipId(const SnpReport& report, const evidence::VekExtensions& vek) {
  if (report.signing_key != SnpSigningKey::kVcek || report.mask_chip_key) return OkStatus();
  if (!vek.hwid) return Fail(check::kChipId, "the VCEK has no hwID extension");
  // Turin VCEKs certify the first 8 bytes of CHIP_ID; earlier products all 64.
  if (!vek.MatchesChipId(report.chip_id)) {
    return Fail(check::kChipId, "CHIP_ID does not match the VCEK's hwID");
  }
  return OkStatus();
}

// The VEK's issuer and root among the AMD certificates: for a VCEK "SEV-<product>", for a VLEK
// "SEV-VLEK-<product>", both under the self-signed "ARK-<product>".
Result<std::vector<crypto::Certificate>> VerifyVekChain(const crypto::Certificate& vek,
                                                        SnpSigningKey signing_key,
                                                        SnpProduct product,
                                                        std::span<const crypto::Certificate> amd,
                                                        int64_t now, VerificationCache* cache) {
  const std::string line(evidence::SnpProductName(product));
  const std::string issuer_cn =
      signing_key == SnpSigningKey::kVcek ? "SEV-" + line : "SEV-VLEK-" + line;
  const std::string expected_vek_cn = signing_key == SnpSigningKey::kVcek ? "SEV-VCEK" : "SEV-VLEK";
  if (vek.SubjectCommonName() != expected_vek_cn) {
    return Fail(check::kVekChain, "the report is signed by a " + expected_vek_cn +
                                      " but the certificate is \"" + vek.SubjectCommonName() +
                                      "\"");
  }
  std::vector<crypto::Certificate> intermediates, anchors;
  for (const crypto::Certificate& cert : amd) {
    if (cert.SubjectCommonName() == issuer_cn) intermediates.push_back(cert);
    if (cert.SubjectCommonName() == "ARK-" + line && cert.IsSelfSigned()) anchors.push_back(cert);
  }
  if (anchors.empty()) return Fail(check::kVekChain, "no trusted ARK-" + line);
  if (intermediates.empty()) return Fail(check::kVekChain, "no " + issuer_cn + " certificate");
  Result<std::vector<crypto::Certificate>> path =
      cache != nullptr ? cache->VerifyChain(vek, intermediates, anchors, {}, now)
                       : crypto::VerifyChain(vek, intermediates, anchors, {}, now);
  if (!path.ok()) {
    std::string_view message = path.status().message();
    const bool time = message.find("expired") != std::string_view::npos ||
                      message.find("not yet valid") != std::string_view::npos;
    return Fail(time ? check::kExpired : check::kVekChain, message);
  }
  return path;
}

}  // namespace

Result<VerifiedSnpReport> VerifySnpReport(ByteSpan report_bytes, const crypto::Certificate& vek,
                                          std::span<const crypto::Certificate> amd_certificates,
                                          int64_t now_unix_seconds, const SnpPolicy& policy,
                                          VerificationCache* cache) {
  ASSIGN_OR_RETURN(SnpReport report, evidence::ParseSnpReport(report_bytes));
  if (report.signing_key == SnpSigningKey::kNone) {
    return Fail(check::kReportSignature, "the report is unsigned (SIGNING_KEY 7)");
  }
  Result<evidence::VekExtensions> extensions = evidence::ReadVekExtensions(vek);
  if (!extensions.ok()) return VekFail(extensions.status());
  std::optional<SnpProduct> product = extensions->product();
  if (!product) product = report.product();
  if (!product) {
    return Fail(check::kVek,
                "cannot tell the product line (productName \"" + extensions->product_name + "\")");
  }

  ASSIGN_OR_RETURN(
      std::vector<crypto::Certificate> path,
      VerifyVekChain(vek, report.signing_key, *product, amd_certificates, now_unix_seconds, cache));

  ASSIGN_OR_RETURN(crypto::PublicKey key, vek.public_key());
  ASSIGN_OR_RETURN(Bytes der,
                   crypto::EcdsaLittleEndianToDer(report.signature_r, report.signature_s));
  Status signature = crypto::EcdsaVerify(key, crypto::HashAlgorithm::kSha384, report.signed_bytes,
                                         der, crypto::EcdsaFormat::kDer);
  if (!signature.ok()) return Fail(check::kReportSignature, signature.message());

  RETURN_IF_ERROR(CheckReportedTcb(report, *product, *extensions));
  RETURN_IF_ERROR(CheckChipId(report, *extensions));

  if (policy.product && *policy.product != *product) {
    return PermissionDeniedError("snp: policy: product " +
                                 std::string(evidence::SnpProductName(*product)) + ", required " +
                                 std::string(evidence::SnpProductName(*policy.product)));
  }
  if (policy.stepping) {
    std::optional<int> stepping =
        report.cpuid_stepping ? std::optional<int>(*report.cpuid_stepping) : extensions->stepping();
    if (!stepping || *stepping != *policy.stepping) {
      return PermissionDeniedError("snp: policy: expected product stepping " +
                                   std::to_string(*policy.stepping) + ", got " +
                                   (stepping ? std::to_string(*stepping) : "none"));
    }
  }
  return VerifiedSnpReport{std::move(report), *product, extensions->product_name,
                           path.back().subject()};
}

nlohmann::json SnpClaims(const VerifiedSnpReport& verified) {
  const SnpReport& r = verified.report;
  const SnpTcb reported = evidence::DecodeSnpTcb(r.reported_tcb, verified.product);
  auto tcb = [&](uint64_t raw) {
    SnpTcb t = evidence::DecodeSnpTcb(raw, verified.product);
    nlohmann::json out = {
        {"bootloader", t.bootloader}, {"tee", t.tee}, {"snp", t.snp}, {"microcode", t.microcode}};
    if (verified.product == SnpProduct::kTurin) out["fmc"] = t.fmc;
    return out;
  };
  auto firmware = [](uint8_t major, uint8_t minor, uint8_t build) {
    return std::to_string(major) + "." + std::to_string(minor) + " build " + std::to_string(build);
  };
  nlohmann::json c = {
      {"x-ms-sevsnpvm-authorkeydigest", HexEncode(r.author_key_digest)},
      {"x-ms-sevsnpvm-bootloader-svn", reported.bootloader},
      {"x-ms-sevsnpvm-familyId", HexEncode(r.family_id)},
      {"x-ms-sevsnpvm-guestsvn", r.guest_svn},
      {"x-ms-sevsnpvm-hostdata", HexEncode(r.host_data)},
      {"x-ms-sevsnpvm-idkeydigest", HexEncode(r.id_key_digest)},
      {"x-ms-sevsnpvm-imageId", HexEncode(r.image_id)},
      {"x-ms-sevsnpvm-is-debuggable", r.debug()},
      {"x-ms-sevsnpvm-launchmeasurement", HexEncode(r.measurement)},
      {"x-ms-sevsnpvm-microcode-svn", reported.microcode},
      {"x-ms-sevsnpvm-migration-allowed", ((r.policy >> 18) & 1) != 0},
      {"x-ms-sevsnpvm-reportdata", HexEncode(r.report_data)},
      {"x-ms-sevsnpvm-reportid", HexEncode(r.report_id)},
      {"x-ms-sevsnpvm-smt-allowed", ((r.policy >> 16) & 1) != 0},
      {"x-ms-sevsnpvm-snpfw-svn", reported.snp},
      {"x-ms-sevsnpvm-tee-svn", reported.tee},
      {"x-ms-sevsnpvm-vmpl", r.vmpl},
      {"x-confidant-sevsnpvm-version", r.version},
      {"x-confidant-sevsnpvm-policy", r.policy},
      {"x-confidant-sevsnpvm-signature-algo", r.signature_algo},
      {"x-confidant-sevsnpvm-platform-info", r.platform_info},
      {"x-confidant-sevsnpvm-signing-key", r.signing_key == SnpSigningKey::kVcek ? "vcek" : "vlek"},
      {"x-confidant-sevsnpvm-mask-chip-key", r.mask_chip_key},
      {"x-confidant-sevsnpvm-author-key-en", r.author_key_en},
      {"x-confidant-sevsnpvm-chipid", HexEncode(r.chip_id)},
      {"x-confidant-sevsnpvm-reportid-ma", HexEncode(r.report_id_ma)},
      {"x-confidant-sevsnpvm-current-tcb", tcb(r.current_tcb)},
      {"x-confidant-sevsnpvm-reported-tcb", tcb(r.reported_tcb)},
      {"x-confidant-sevsnpvm-committed-tcb", tcb(r.committed_tcb)},
      {"x-confidant-sevsnpvm-launch-tcb", tcb(r.launch_tcb)},
      {"x-confidant-sevsnpvm-current-firmware",
       firmware(r.current_major, r.current_minor, r.current_build)},
      {"x-confidant-sevsnpvm-committed-firmware",
       firmware(r.committed_major, r.committed_minor, r.committed_build)},
      {"x-confidant-sevsnpvm-product", evidence::SnpProductName(verified.product)},
      {"x-confidant-sevsnpvm-vek-product-name", verified.vek_product_name},
  };
  if (r.cpuid_family) {
    c["x-confidant-sevsnpvm-cpuid-fam-id"] = *r.cpuid_family;
    c["x-confidant-sevsnpvm-cpuid-mod-id"] = *r.cpuid_model;
    c["x-confidant-sevsnpvm-cpuid-step"] = *r.cpuid_stepping;
  }
  return c;
}

Verified ToVerified(const VerifiedSnpReport& verified) {
  Verified out;
  out.attestation_type = "sevsnpvm";
  out.claims = SnpClaims(verified);
  out.trust_anchor = verified.trust_anchor;
  return out;
}

}  // namespace confidant::verify
