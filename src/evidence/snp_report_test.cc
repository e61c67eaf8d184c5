// SEV-SNP report parsing against every SNP report in ../shared/vectors, plus must-be-zero,
// version and size negatives.

#include "evidence/snp_report.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "common/encoding.h"
#include "crypto/certificate.h"
#include "evidence/snp_vek.h"
#include "testing/vectors.h"

namespace confidant::evidence {
namespace {

// The product line from a VCEK/VLEK's productName extension ("Milan-B0", "Genoa", "Turin-B1").
std::optional<SnpProduct> ProductFromVek(const Bytes& der) {
  Result<crypto::Certificate> cert = crypto::Certificate::FromDer(der);
  if (!cert.ok()) return std::nullopt;
  Result<VekExtensions> extensions = ReadVekExtensions(*cert);
  return extensions.ok() ? extensions->product() : std::nullopt;
}

std::string HexNumber(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof(buf), "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

nlohmann::json Tcb(uint64_t raw, SnpProduct product) {
  SnpTcb t = DecodeSnpTcb(raw, product);
  nlohmann::json j = {
      {"bootloader", t.bootloader}, {"tee", t.tee}, {"snp", t.snp}, {"microcode", t.microcode}};
  if (product == SnpProduct::kTurin) j["fmc"] = t.fmc;
  return j;
}

std::string Firmware(uint8_t major, uint8_t minor, uint8_t build) {
  return std::to_string(major) + "." + std::to_string(minor) + " build " + std::to_string(build);
}

using Extractor = std::function<nlohmann::json(const SnpReport&, SnpProduct)>;
const std::map<std::string, Extractor>& Extractors() {
  static const auto* kMap = new std::map<std::string, Extractor>{
      {"version", [](const SnpReport& s, SnpProduct) { return s.version; }},
      {"guest_svn", [](const SnpReport& s, SnpProduct) { return s.guest_svn; }},
      {"policy", [](const SnpReport& s, SnpProduct) { return HexNumber(s.policy); }},
      {"family_id", [](const SnpReport& s, SnpProduct) { return HexEncode(s.family_id); }},
      {"image_id", [](const SnpReport& s, SnpProduct) { return HexEncode(s.image_id); }},
      {"vmpl", [](const SnpReport& s, SnpProduct) { return s.vmpl; }},
      {"signature_algo", [](const SnpReport& s, SnpProduct) { return s.signature_algo; }},
      {"current_tcb", [](const SnpReport& s, SnpProduct p) { return Tcb(s.current_tcb, p); }},
      {"reported_tcb", [](const SnpReport& s, SnpProduct p) { return Tcb(s.reported_tcb, p); }},
      {"committed_tcb", [](const SnpReport& s, SnpProduct p) { return Tcb(s.committed_tcb, p); }},
      {"launch_tcb", [](const SnpReport& s, SnpProduct p) { return Tcb(s.launch_tcb, p); }},
      {"platform_info", [](const SnpReport& s, SnpProduct) { return HexNumber(s.platform_info); }},
      {"signing_key",
       [](const SnpReport& s, SnpProduct) {
         return s.signing_key == SnpSigningKey::kVcek   ? "vcek"
                : s.signing_key == SnpSigningKey::kVlek ? "vlek"
                                                        : "none";
       }},
      {"mask_chip_key", [](const SnpReport& s, SnpProduct) { return s.mask_chip_key ? 1 : 0; }},
      {"author_key_en", [](const SnpReport& s, SnpProduct) { return s.author_key_en ? 1 : 0; }},
      {"report_data", [](const SnpReport& s, SnpProduct) { return HexEncode(s.report_data); }},
      {"measurement", [](const SnpReport& s, SnpProduct) { return HexEncode(s.measurement); }},
      {"host_data", [](const SnpReport& s, SnpProduct) { return HexEncode(s.host_data); }},
      {"id_key_digest", [](const SnpReport& s, SnpProduct) { return HexEncode(s.id_key_digest); }},
      {"author_key_digest",
       [](const SnpReport& s, SnpProduct) { return HexEncode(s.author_key_digest); }},
      {"report_id", [](const SnpReport& s, SnpProduct) { return HexEncode(s.report_id); }},
      {"report_id_ma", [](const SnpReport& s, SnpProduct) { return HexEncode(s.report_id_ma); }},
      {"chip_id", [](const SnpReport& s, SnpProduct) { return HexEncode(s.chip_id); }},
      {"current_firmware",
       [](const SnpReport& s, SnpProduct) {
         return Firmware(s.current_major, s.current_minor, s.current_build);
       }},
      {"committed_firmware",
       [](const SnpReport& s, SnpProduct) {
         return Firmware(s.committed_major, s.committed_minor, s.committed_build);
       }},
      {"cpuid_fam_id", [](const SnpReport& s, SnpProduct) { return *s.cpuid_family; }},
      {"cpuid_mod_id", [](const SnpReport& s, SnpProduct) { return *s.cpuid_model; }},
      {"cpuid_step", [](const SnpReport& s, SnpProduct) { return *s.cpuid_stepping; }},
      {"debug", [](const SnpReport& s, SnpProduct) { return s.debug(); }},
      {"product", [](const SnpReport&, SnpProduct p) { return std::string(SnpProductName(p)); }},
  };
  return *kMap;
}

std::vector<nlohmann::json> SnpCases() {
  std::vector<nlohmann::json> out;
  for (const nlohmann::json& c : vectors::Cases("sev-snp")) {
    if (!c.contains("mutation") && !c.contains("substitution")) {
      out.push_back(c);
    }
  }
  return out;
}

TEST(SnpReportVectorsTest, EveryReportParsesWithItsClaims) {
  std::vector<nlohmann::json> cases = SnpCases();
  if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
  int checked = 0;
  for (const nlohmann::json& c : cases) {
    SCOPED_TRACE(c["id"].get<std::string>());
    Result<SnpReport> s = ParseSnpReport(vectors::Read(c["evidence"]));
    ASSERT_TRUE(s.ok()) << s.status();
    std::optional<SnpProduct> product = s->product();
    if (!product) product = ProductFromVek(vectors::Read(c["collateral"]["vek_der"]));
    ASSERT_TRUE(product.has_value());
    for (const auto& [name, value] : c["expect"]["claims"].items()) {
      if (name == "vcek_product_name") continue;  // read from the certificate by src/verify
      auto extractor = Extractors().find(name);
      ASSERT_NE(extractor, Extractors().end()) << "no extractor for claim " << name;
      EXPECT_EQ(extractor->second(*s, *product), value) << name;
      ++checked;
    }
  }
  EXPECT_GT(checked, 50);
}

TEST(SnpReportVectorsTest, AzureEmbeddedReportParses) {
  if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
  Result<SnpReport> s = ParseSnpReport(vectors::Read("az-snp-vtpm-v1/snp_report.bin"));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_GE(s->version, 2u);
}

Bytes Sample() { return vectors::Read("snp-trustee-milan-vcek/report.bin"); }

void ExpectInvalid(const Bytes& report, std::string_view fragment) {
  Result<SnpReport> s = ParseSnpReport(report);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.status().message().find(fragment), std::string_view::npos) << s.status();
}

TEST(SnpReportTest, RejectsStructuralDefects) {
  if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
  const Bytes good = Sample();
  ASSERT_TRUE(ParseSnpReport(good).ok());
  for (size_t n = 0; n < good.size(); ++n) {  // every truncation
    ExpectInvalid(Bytes(good.begin(), good.begin() + static_cast<ptrdiff_t>(n)), "expected 1184");
  }
  Bytes longer = good;
  longer.push_back(0);
  ExpectInvalid(longer, "expected 1184");
  Bytes r = good;
  r[0] = 1;
  ExpectInvalid(r, "unsupported version 1");
  r = good;
  r[0] = 6;
  ExpectInvalid(r, "unsupported version 6");
  r = good;
  r[0x0a] &= ~0x02;  // policy bit 17
  ExpectInvalid(r, "reserved bit 17 must be 1");
  r = good;
  r[0x0f] = 0x80;  // policy bit 63
  ExpectInvalid(r, "policy: must-be-zero");
  r = good;
  r[0x34] = 2;
  ExpectInvalid(r, "signature algo 2");
  r = good;
  r[0x48] |= 0x20;  // signer info bit 5
  ExpectInvalid(r, "signer info: must-be-zero");
  r = good;
  r[0x48] = static_cast<uint8_t>((r[0x48] & ~0x1c) | (3 << 2));
  ExpectInvalid(r, "unknown signing key 3");
  r = good;
  r[0x4c] = 1;
  ExpectInvalid(r, "reserved 0x4c: reserved byte at offset 76 is not zero");
  r = good;
  r[0x1eb] = 1;
  ExpectInvalid(r, "reserved 0x1eb");
  r = good;
  r[0x29f] = 1;
  ExpectInvalid(r, "reserved 0x1f8");
  r = good;
  r[0x4a0 - 1] = 1;
  ExpectInvalid(r, "signature reserved");
}

TEST(SnpReportTest, DecodesTcbPerProduct) {
  // Reference section 2: 0x4405000000000002 is boot loader 2, TEE 0, SNP 5, microcode 0x44.
  EXPECT_EQ(DecodeSnpTcb(0x4405000000000002, SnpProduct::kMilan),
            (SnpTcb{.bootloader = 2, .tee = 0, .snp = 5, .microcode = 0x44}));
  EXPECT_EQ(DecodeSnpTcb(0x4400000003020100, SnpProduct::kTurin),
            (SnpTcb{.fmc = 0, .bootloader = 1, .tee = 2, .snp = 3, .microcode = 0x44}));
}

}  // namespace
}  // namespace confidant::evidence
