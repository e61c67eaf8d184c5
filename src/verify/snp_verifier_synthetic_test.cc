// The SNP checks the real vectors cannot isolate (a mutated report also fails its signature):
// reports re-signed by a test ARK -> ASK -> VCEK hierarchy built like AMD's (RSA-PSS chain,
// P-384 VCEK with productName, TCB and hwID extensions). Azure vTPM evidence re-signed the same
// way reaches the checks after the report signature.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "crypto/certificate_builder.h"
#include "crypto/der.h"
#include "crypto/signature.h"
#include "evidence/hcl_report.h"
#include "testing/vectors.h"
#include "verify/azure_vtpm_verifier.h"
#include "verify/snp_verifier.h"

namespace confidant::verify {
namespace {

constexpr int64_t kNow = 1750000000;  // 2025-06-15
constexpr int64_t kYear = 365 * 86400;

struct Hierarchy {
  crypto::PrivateKey ark_key, ask_key, vcek_key;
  crypto::Certificate ark, ask;
};

crypto::Certificate Ca(const std::string& cn, const crypto::PrivateKey& key,
                       const crypto::PrivateKey& issuer_key, const crypto::Certificate* issuer) {
  crypto::CertificateBuilder b;
  b.SetSubject({{"CN", cn}, {"O", "Advanced Micro Devices"}})
      .SetValidity(kNow - kYear, kNow + kYear)
      .SetPublicKey(key.public_key())
      .SetBasicConstraints(true)
      .SetKeyUsage("critical,keyCertSign,cRLSign");
  return *b.Sign(issuer_key, issuer, {.hash = crypto::HashAlgorithm::kSha384, .rsa_pss = true});
}

// A VCEK certifying `tcb` (bl, tee, snp, ucode) and `hwid`, with `cn` as its common name.
crypto::Certificate Vek(const Hierarchy& h, const std::string& cn, std::array<int, 4> tcb,
                        const Bytes& hwid) {
  crypto::CertificateBuilder b;
  b.SetSubject({{"CN", cn}, {"O", "Advanced Micro Devices"}})
      .SetValidity(kNow - kYear, kNow + kYear)
      .SetPublicKey(h.vcek_key.public_key())
      .AddExtension("1.3.6.1.4.1.3704.1.2", false, crypto::DerIa5String("Milan-B0"))
      .AddExtension("1.3.6.1.4.1.3704.1.3.1", false, crypto::DerInteger(tcb[0]))
      .AddExtension("1.3.6.1.4.1.3704.1.3.2", false, crypto::DerInteger(tcb[1]))
      .AddExtension("1.3.6.1.4.1.3704.1.3.3", false, crypto::DerInteger(tcb[2]))
      .AddExtension("1.3.6.1.4.1.3704.1.3.8", false, crypto::DerInteger(tcb[3]))
      .AddExtension("1.3.6.1.4.1.3704.1.4", false, hwid);  // raw, as AMD's KDS issues it
  return *b.Sign(h.ask_key, &h.ask, {.hash = crypto::HashAlgorithm::kSha384, .rsa_pss = true});
}

class SnpSyntheticTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
    report_ = vectors::Read("snp-trustee-milan-vcek/report.bin");
    static const Hierarchy* kShared = [] {
      crypto::PrivateKey ark_key = *crypto::PrivateKey::GenerateRsa(2048);
      crypto::PrivateKey ask_key = *crypto::PrivateKey::GenerateRsa(2048);
      crypto::PrivateKey vcek_key = *crypto::PrivateKey::GenerateEc(crypto::KeyType::kEcP384);
      crypto::Certificate ark = Ca("ARK-Milan", ark_key, ark_key, nullptr);
      crypto::Certificate ask = Ca("SEV-Milan", ask_key, ark_key, &ark);
      return new Hierarchy{ark_key, ask_key, vcek_key, ark, ask};
    }();
    h_ = kShared;
    chip_id_.assign(report_.begin() + 0x1a0, report_.begin() + 0x1e0);
    vcek_ = Vek(*h_, "SEV-VCEK", Tcb(), chip_id_);
  }

  // The reported TCB of the template report (Milan layout).
  std::array<int, 4> Tcb() const {
    return {report_[0x180], report_[0x181], report_[0x186], report_[0x187]};
  }

  // Re-signs `report` with the test VCEK key.
  Bytes Sign(Bytes report) const {
    Bytes sig =
        *crypto::EcdsaSign(h_->vcek_key, crypto::HashAlgorithm::kSha384,
                           ByteSpan(report).first(0x2a0), crypto::EcdsaFormat::kRawLittleEndian);
    std::fill(report.begin() + 0x2a0, report.end(), 0);
    std::copy(sig.begin(), sig.begin() + 48, report.begin() + 0x2a0);
    std::copy(sig.begin() + 48, sig.end(), report.begin() + 0x2a0 + 72);
    return report;
  }

  Result<VerifiedSnpReport> Verify(const Bytes& report, const crypto::Certificate& vek) const {
    std::vector<crypto::Certificate> amd = {h_->ask, h_->ark};
    return VerifySnpReport(report, vek, amd, kNow);
  }

  static void ExpectCheck(const Result<VerifiedSnpReport>& r, std::string_view prefix) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message().rfind(prefix, 0), 0u) << r.status();
  }

  Bytes report_;
  Bytes chip_id_;
  const Hierarchy* h_ = nullptr;
  std::optional<crypto::Certificate> vcek_;
};

TEST_F(SnpSyntheticTest, ResignedReportVerifies) {
  Result<VerifiedSnpReport> r = Verify(Sign(report_), *vcek_);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->vek_product_name, "Milan-B0");
  EXPECT_NE(r->trust_anchor.find("CN=ARK-Milan"), std::string::npos);
}

TEST_F(SnpSyntheticTest, ChipIdMustMatchHwid) {
  Bytes report = report_;
  report[0x1a0] ^= 1;
  ExpectCheck(Verify(Sign(report), *vcek_), "snp: chip id");
  // With MASK_CHIP_KEY the chip ID is not compared.
  report[0x48] |= 0x02;
  EXPECT_TRUE(Verify(Sign(report), *vcek_).ok());
}

TEST_F(SnpSyntheticTest, ReportedTcbMustMatchTheCertificate) {
  std::array<int, 4> lower = Tcb();
  lower[0] -= 1;
  ExpectCheck(Verify(Sign(report_), Vek(*h_, "SEV-VCEK", lower, chip_id_)), "snp: reported tcb");
  std::array<int, 4> ucode = Tcb();
  ucode[3] += 1;
  ExpectCheck(Verify(Sign(report_), Vek(*h_, "SEV-VCEK", ucode, chip_id_)), "snp: reported tcb");
}

TEST_F(SnpSyntheticTest, SignerAndChainAreChecked) {
  Bytes unsigned_report = report_;
  unsigned_report[0x48] = static_cast<uint8_t>((unsigned_report[0x48] & ~0x1c) | (7 << 2));
  ExpectCheck(Verify(Sign(unsigned_report), *vcek_), "snp: report signature");
  // A VLEK-signed report needs a VLEK certificate.
  Bytes vlek_report = report_;
  vlek_report[0x48] = static_cast<uint8_t>((vlek_report[0x48] & ~0x1c) | (1 << 2));
  ExpectCheck(Verify(Sign(vlek_report), *vcek_), "snp: vek chain");
  // Another ARK with the same name is not the trusted one.
  crypto::PrivateKey other = *crypto::PrivateKey::GenerateRsa(2048);
  crypto::Certificate other_ark = Ca("ARK-Milan", other, other, nullptr);
  std::vector<crypto::Certificate> amd = {h_->ask, other_ark};
  ExpectCheck(VerifySnpReport(Sign(report_), *vcek_, amd, kNow), "snp: vek chain");
  // The report is signed by the VCEK key, not merely accompanied by it.
  ExpectCheck(Verify(report_, *vcek_), "snp: report signature");
}

// Azure vTPM evidence whose SNP report is re-signed by the test hierarchy: the checks after the
// report signature, which a real report cannot reach once changed.
TEST_F(SnpSyntheticTest, AzureVtpmReportMustComeFromVmplZeroAndBindTheRuntimeClaims) {
  Result<evidence::AzureVtpmEvidence> parsed =
      evidence::ParseAzureVtpmEvidence(vectors::ReadText("az-snp-vtpm-v1/evidence.json"));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const Bytes snp = parsed->hcl.tee_report;
  const std::array<int, 4> tcb = {snp[0x180], snp[0x181], snp[0x186], snp[0x187]};
  parsed->vcek_der =
      Vek(*h_, "SEV-VCEK", tcb, Bytes(snp.begin() + 0x1a0, snp.begin() + 0x1e0)).ToDer();
  const std::vector<crypto::Certificate> amd = {h_->ask, h_->ark};
  AzureVtpmOptions options;
  options.nonce = ToBytes("challenge");
  auto verify = [&](size_t offset, uint8_t value) {
    evidence::AzureVtpmEvidence e = *parsed;
    Bytes report = snp;
    report[offset] = value;
    e.hcl.tee_report = Sign(report);
    return VerifyAzureVtpm(e, amd, kNow, options);
  };
  Result<VerifiedAzureVtpm> same = verify(0x30, 0);  // VMPL 0, as the paravisor asks
  ASSERT_TRUE(same.ok()) << same.status();
  Result<VerifiedAzureVtpm> vmpl = verify(0x30, 2);
  ASSERT_FALSE(vmpl.ok());
  EXPECT_EQ(FailedCheck(vmpl.status()), "vmpl") << vmpl.status();
  // REPORT_DATA must be the runtime claims' hash, zero-filled: first byte, then padding.
  EXPECT_EQ(FailedCheck(verify(0x50, static_cast<uint8_t>(snp[0x50] ^ 1)).status()),
            "report data binding");
  EXPECT_EQ(FailedCheck(verify(0x50 + 63, 1).status()), "report data binding");
}

}  // namespace
}  // namespace confidant::verify
