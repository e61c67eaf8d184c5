// VCEK/VLEK extensions read from the real certificates in ../shared/vectors, and refused when a
// test-built certificate carries a malformed one.

#include "evidence/snp_vek.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "common/encoding.h"
#include "crypto/certificate_builder.h"
#include "crypto/der.h"
#include "testing/vectors.h"

namespace confidant::evidence {
namespace {

struct RealVek {
  const char* case_id;  // the cases.json entry whose report this VEK signs
  const char* product_name;
  std::optional<int> stepping;
  bool vcek;
};

TEST(SnpVekVectorsTest, ReadsTheRealCertificates) {
  if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
  for (const RealVek& real : {RealVek{"go-sev-guest-milan", "Milan-B0", 0, true},
                              RealVek{"trustee-snp-milan-vcek", "Milan-B0", 0, true},
                              RealVek{"trustee-snp-milan-vlek", "Milan", std::nullopt, false}}) {
    SCOPED_TRACE(real.case_id);
    nlohmann::json c = vectors::Case(real.case_id);
    Result<crypto::Certificate> cert =
        crypto::Certificate::FromDer(vectors::Read(c["collateral"]["vek_der"]));
    ASSERT_TRUE(cert.ok()) << cert.status();
    Result<VekExtensions> e = ReadVekExtensions(*cert);
    ASSERT_TRUE(e.ok()) << e.status();
    const nlohmann::json& claims = c["expect"]["claims"];

    EXPECT_EQ(e->product_name, real.product_name);
    if (claims.contains("vcek_product_name")) {
      EXPECT_EQ(e->product_name, claims["vcek_product_name"]);
    }
    EXPECT_EQ(e->product(), SnpProduct::kMilan);
    EXPECT_EQ(e->stepping(), real.stepping);

    // Each report's REPORTED_TCB is the TCB its VEK certifies.
    Result<SnpTcb> tcb = e->Tcb(SnpProduct::kMilan);
    ASSERT_TRUE(tcb.ok()) << tcb.status();
    const nlohmann::json& reported = claims["reported_tcb"];
    EXPECT_EQ(tcb->bootloader, reported["bootloader"]);
    EXPECT_EQ(tcb->tee, reported["tee"]);
    EXPECT_EQ(tcb->snp, reported["snp"]);
    EXPECT_EQ(tcb->microcode, reported["microcode"]);
    EXPECT_FALSE(e->fmc_spl.has_value());

    const Bytes chip_id = *HexDecode(claims["chip_id"].get<std::string>());
    if (real.vcek) {
      ASSERT_TRUE(e->hwid.has_value());
      EXPECT_EQ(HexEncode(*e->hwid), claims["chip_id"]);
      EXPECT_TRUE(e->MatchesChipId(chip_id));
    } else {
      EXPECT_FALSE(e->hwid.has_value());  // a VLEK is not tied to a chip
      EXPECT_FALSE(e->MatchesChipId(chip_id));
    }
  }
}

constexpr char kPrefix[] = "1.3.6.1.4.1.3704.1.";

// A self-signed certificate carrying `extensions` (OID suffix -> DER value).
crypto::Certificate CertificateWith(const std::vector<std::pair<std::string, Bytes>>& extensions) {
  static const crypto::PrivateKey* kKey =
      new crypto::PrivateKey(*crypto::PrivateKey::GenerateEc(crypto::KeyType::kEcP384));
  crypto::CertificateBuilder b;
  b.SetSubject({{"CN", "SEV-VCEK"}}).SetValidity(0, 1).SetPublicKey(kKey->public_key());
  for (const auto& [suffix, value] : extensions) b.AddExtension(kPrefix + suffix, false, value);
  return *b.Sign(*kKey, nullptr);
}

// productName, blSPL, teeSPL, snpSPL, ucodeSPL: a well-formed Milan VCEK's, without hwID.
std::vector<std::pair<std::string, Bytes>> MilanExtensions() {
  return {{"2", crypto::DerIa5String("Milan-B1")},
          {"3.1", crypto::DerInteger(3)},
          {"3.2", crypto::DerInteger(0)},
          {"3.3", crypto::DerInteger(8)},
          {"3.8", crypto::DerInteger(115)}};
}

void ExpectMalformed(const std::string& suffix, const Bytes& value, std::string_view message) {
  std::vector<std::pair<std::string, Bytes>> extensions = MilanExtensions();
  auto it = std::find_if(extensions.begin(), extensions.end(),
                         [&](const auto& extension) { return extension.first == suffix; });
  if (it != extensions.end()) {
    it->second = value;
  } else {
    extensions.emplace_back(suffix, value);
  }
  Result<VekExtensions> e = ReadVekExtensions(CertificateWith(extensions));
  ASSERT_FALSE(e.ok()) << suffix;
  EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(e.status().message().substr(0, message.size()), message) << e.status();
}

TEST(SnpVekTest, RefusesMalformedExtensions) {
  ExpectMalformed("2", crypto::DerInteger(1), "vek: productName is not an IA5String");
  ExpectMalformed("2", Bytes{}, "vek: productName: expected another DER element");
  ExpectMalformed("3.1", crypto::DerInteger(256), "vek: blSPL out of range");
  ExpectMalformed("3.2", crypto::DerInteger(-1), "vek: teeSPL out of range");
  ExpectMalformed("3.3", crypto::DerIa5String("8"), "vek: snpSPL: expected INTEGER");
  ExpectMalformed("3.9", crypto::DerOctetString(Bytes{1}), "vek: fmcSPL: expected INTEGER");
}

TEST(SnpVekTest, AbsentExtensionsAreNotAnErrorUntilNeeded) {
  Result<VekExtensions> none = ReadVekExtensions(CertificateWith({}));
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_EQ(none->product_name, "");
  EXPECT_EQ(none->product(), std::nullopt);
  EXPECT_EQ(none->Tcb(SnpProduct::kMilan).status().message(), "vek: no blSPL extension");

  Result<VekExtensions> milan = ReadVekExtensions(CertificateWith(MilanExtensions()));
  ASSERT_TRUE(milan.ok()) << milan.status();
  EXPECT_EQ(milan->stepping(), 1);
  EXPECT_EQ(milan->Tcb(SnpProduct::kMilan)->microcode, 115);
  // Turin certifies an FMC SPL as well.
  EXPECT_EQ(milan->Tcb(SnpProduct::kTurin).status().message(), "vek: no fmcSPL extension");
  EXPECT_FALSE(milan->hwid.has_value());
}

TEST(SnpVekTest, ProductAndSteppingComeFromTheName) {
  const std::map<std::string, std::pair<std::optional<SnpProduct>, std::optional<int>>> names = {
      {"Milan-B0", {SnpProduct::kMilan, 0}},
      {"Milan", {SnpProduct::kMilan, std::nullopt}},
      {"Genoa", {SnpProduct::kGenoa, std::nullopt}},
      {"Turin-B1", {SnpProduct::kTurin, 1}},
      {"Milano", {std::nullopt, std::nullopt}},
      {"Milan-BX", {SnpProduct::kMilan, std::nullopt}},
  };
  for (const auto& [name, expected] : names) {
    VekExtensions e;
    e.product_name = name;
    EXPECT_EQ(e.product(), expected.first) << name;
    EXPECT_EQ(e.stepping(), expected.second) << name;
  }
}

TEST(SnpVekTest, HwidMatchesAChipIdPrefix) {
  Bytes chip_id(64);
  for (size_t i = 0; i < chip_id.size(); ++i) chip_id[i] = static_cast<uint8_t>(i + 1);
  VekExtensions e;
  EXPECT_FALSE(e.MatchesChipId(chip_id));  // no hwID
  e.hwid = chip_id;
  EXPECT_TRUE(e.MatchesChipId(chip_id));
  e.hwid = Bytes(chip_id.begin(), chip_id.begin() + 8);  // Turin: the first 8 bytes
  EXPECT_TRUE(e.MatchesChipId(chip_id));
  e.hwid = Bytes{};
  EXPECT_FALSE(e.MatchesChipId(chip_id));
  e.hwid = Bytes(65, 1);  // longer than CHIP_ID
  EXPECT_FALSE(e.MatchesChipId(chip_id));
  e.hwid = Bytes(chip_id.begin() + 1, chip_id.end());
  EXPECT_FALSE(e.MatchesChipId(chip_id));
}

}  // namespace
}  // namespace confidant::evidence
