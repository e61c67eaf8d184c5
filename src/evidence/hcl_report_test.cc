// Azure HCL reports and vTPM evidence from a real Azure SEV-SNP CVM (../shared/vectors).

#include "evidence/hcl_report.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "common/encoding.h"
#include "crypto/certificate.h"
#include "crypto/hash.h"
#include "crypto/jwk.h"
#include "crypto/signature.h"
#include "evidence/tpm_quote.h"
#include "testing/vectors.h"

namespace confidant::evidence {
namespace {

class AzureEvidenceTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
    claims_ = vectors::Case("az-snp-vtpm-evidence-v1")["expect"]["claims"];
    hcl_bytes_ = vectors::Read(("az-snp-vtpm-v1/hcl_report.bin"));
  }
  nlohmann::json claims_;
  Bytes hcl_bytes_;
};

TEST_F(AzureEvidenceTest, HclReportFieldsAndBinding) {
  Result<HclReport> h = ParseHclReport(hcl_bytes_);
  ASSERT_TRUE(h.ok()) << h.status();
  const nlohmann::json& c = claims_["hcl"];
  EXPECT_EQ(h->report_type, c["report_type"]);
  EXPECT_EQ(h->hash_type, c["hash_type"]);
  EXPECT_EQ(h->runtime_data_offset, c["var_data_offset"]);
  EXPECT_EQ(h->runtime_data.size(), c["var_data_size"]);
  std::set<std::string> keys;
  for (const auto& [key, unused] : h->runtime_claims.items()) keys.insert(key);
  EXPECT_EQ(keys, c["var_data_keys"].get<std::set<std::string>>());
  ASSERT_TRUE(h->snp.has_value());
  EXPECT_EQ(h->tee_report, vectors::Read(("az-snp-vtpm-v1/snp_report.bin")));
  EXPECT_EQ(h->snp->version, claims_["snp"]["version"]);
  // REPORT_DATA[0..32) = SHA-256 of the runtime claims, the rest zero.
  Bytes digest = crypto::Sha256(h->runtime_data);
  EXPECT_EQ(c["snp_report_data_0_32_equals_sha256_var_data"], true);
  EXPECT_TRUE(std::equal(digest.begin(), digest.end(), h->snp->report_data.begin()));
  EXPECT_EQ(HexEncode(h->snp->report_data), claims_["snp"]["report_data"]);
}

TEST_F(AzureEvidenceTest, EvidenceDocumentAndItsTpmQuote) {
  Result<AzureVtpmEvidence> e =
      ParseAzureVtpmEvidence(vectors::ReadText("az-snp-vtpm-v1/evidence.json"));
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->hcl.tee_report, vectors::Read(("az-snp-vtpm-v1/snp_report.bin")));
  EXPECT_EQ(e->vcek_der,
            crypto::Certificate::FromPem(vectors::ReadText("az-snp-vtpm-v1/vcek.pem"))->ToDer());
  ASSERT_EQ(e->pcrs.size(), 24u);
  EXPECT_EQ(HexEncode(e->pcrs[0]), claims_["tpm_pcr00"]);

  Result<TpmQuote> quote = ParseTpmQuote(e->tpm_quote);
  ASSERT_TRUE(quote.ok()) << quote.status();
  const nlohmann::json& c = claims_["tpm_quote"];
  EXPECT_EQ(HexEncode(quote->extra_data), c["extra_data_hex"]);
  EXPECT_EQ(HexEncode(quote->pcr_digest), c["pcr_digest"]);
  Bytes concatenated;
  for (const Bytes& pcr : e->pcrs) Append(concatenated, pcr);
  EXPECT_EQ(crypto::Sha256(concatenated), quote->pcr_digest);

  // The AK comes from the runtime claims the SNP report binds, and signs the quote.
  Result<nlohmann::json> jwk = e->hcl.RuntimeKey("HCLAkPub");
  ASSERT_TRUE(jwk.ok()) << jwk.status();
  Result<crypto::PublicKey> ak = crypto::PublicKeyFromJwk(*jwk);
  ASSERT_TRUE(ak.ok()) << ak.status();
  EXPECT_TRUE(crypto::RsaVerify(*ak, crypto::RsaPadding::kPkcs1v15, crypto::HashAlgorithm::kSha256,
                                e->tpm_quote, e->tpm_signature)
                  .ok());
  EXPECT_EQ(e->hcl.RuntimeKey("NoSuchKey").status().code(), StatusCode::kNotFound);
}

TEST_F(AzureEvidenceTest, MalformedReportsAreRejected) {
  Result<HclReport> good = ParseHclReport(hcl_bytes_);
  ASSERT_TRUE(good.ok());
  for (size_t n = 0; n < good->report_size; ++n) {
    Result<HclReport> h = ParseHclReport(ByteSpan(hcl_bytes_).first(n));
    ASSERT_FALSE(h.ok()) << n;
    ASSERT_EQ(h.status().code(), StatusCode::kInvalidArgument);
  }
  // The vectors' mutation at 0x540 puts a NUL inside a JSON string: still a report, but its
  // runtime data is no longer JSON, so no key can be taken from it.
  Bytes nul = hcl_bytes_;
  nul[0x540] = 0;
  Result<HclReport> not_json = ParseHclReport(nul);
  ASSERT_TRUE(not_json.ok()) << not_json.status();
  EXPECT_TRUE(not_json->runtime_claims.is_null());
  EXPECT_EQ(not_json->runtime_data.size(), good->runtime_data.size());
  EXPECT_NE(not_json->RuntimeKey("HCLAkPub").status().message().find("not a JSON object"),
            std::string_view::npos);
  Bytes sig = hcl_bytes_;
  sig[0] = 'X';
  EXPECT_NE(ParseHclReport(sig).status().message().find("HCLA"), std::string_view::npos);
  Bytes type = hcl_bytes_;
  type[0x4c8] = 3;
  EXPECT_NE(ParseHclReport(type).status().message().find("unknown report type 3"),
            std::string_view::npos);
  Bytes size = hcl_bytes_;
  size[0x4d0] += 1;  // variable data size no longer agrees with the others
  EXPECT_NE(ParseHclReport(size).status().message().find("sizes disagree"), std::string_view::npos);
}

TEST_F(AzureEvidenceTest, EveryTruncationOfTheEvidenceDocumentIsAnError) {
  const std::string text = vectors::ReadText("az-snp-vtpm-v1/evidence.json");
  const size_t end = text.find_last_not_of(" \n\r\t") + 1;  // trailing whitespace is still JSON
  for (size_t n = 0; n < end; ++n) {
    Result<AzureVtpmEvidence> e = ParseAzureVtpmEvidence(std::string_view(text).substr(0, n));
    ASSERT_FALSE(e.ok()) << n;
    ASSERT_EQ(e.status().code(), StatusCode::kInvalidArgument) << n;
  }
}

TEST(AzureVtpmEvidenceTest, RejectsMalformedDocuments) {
  for (const char* doc :
       {"", "[]", "{\"version\":2}", "{\"version\":1}", "{\"version\":1,\"hcl_report\":\"!!\"}"}) {
    EXPECT_EQ(ParseAzureVtpmEvidence(doc).status().code(), StatusCode::kInvalidArgument) << doc;
  }
}

}  // namespace
}  // namespace confidant::evidence
