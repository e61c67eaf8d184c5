// The TPM evidence document (go-attestation's Dump) on the real GCP Shielded VM sample, and
// malformed documents.

#include "evidence/tpm_evidence.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "common/encoding.h"
#include "evidence/event_log.h"
#include "evidence/tpm_quote.h"
#include "testing/vectors.h"

namespace confidant::evidence {
namespace {

constexpr const char* kDump = "tpm-go-attestation/windows_gcp_shielded_vm.json";

std::string ErrorOf(const nlohmann::json& doc) {
  Result<TpmEvidence> e = ParseTpmEvidence(doc.dump());
  EXPECT_FALSE(e.ok()) << doc.dump().substr(0, 200);
  if (e.ok()) return "";
  EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  return std::string(e.status().message());
}

class TpmEvidenceTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
    text_ = vectors::ReadText(kDump);
    doc_ = nlohmann::json::parse(text_);
    claims_ = vectors::Case("go-attestation-gcp-windows-quote")["expect"]["claims"];
  }
  std::string text_;
  nlohmann::json doc_;
  nlohmann::json claims_;
};

TEST_F(TpmEvidenceTest, ReadsTheGcpDump) {
  Result<TpmEvidence> e = ParseTpmEvidence(text_);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_TRUE(ParseTpmPublic(e->ak_public).ok());
  EXPECT_TRUE(ParseTpmQuote(e->quote).ok());
  EXPECT_TRUE(ParseTpmSignature(e->signature).ok());
  EXPECT_TRUE(e->nonce.empty());
  EXPECT_EQ(e->event_log.size(), claims_["event_log"]["bytes"].get<size_t>());
  ASSERT_EQ(e->pcrs.size(), 24u);
  for (const PcrValue& pcr : e->pcrs) {
    EXPECT_EQ(pcr.bank, kTpmAlgSha1);
    EXPECT_EQ(HexEncode(pcr.digest), claims_["pcrs_sha1"][std::to_string(pcr.index)]);
  }
  // A document without a log is evidence too.
  doc_["Log"].erase("Raw");
  Result<TpmEvidence> no_log = ParseTpmEvidence(doc_.dump());
  ASSERT_TRUE(no_log.ok()) << no_log.status();
  EXPECT_TRUE(no_log->event_log.empty());
}

TEST_F(TpmEvidenceTest, MalformedDocumentsNameTheMember) {
  EXPECT_NE(ErrorOf(nlohmann::json::array()).find("not a JSON object"), std::string::npos);
  nlohmann::json d = doc_;
  d.erase("AK");
  EXPECT_NE(ErrorOf(d).find("\"AK\" missing"), std::string::npos);
  d = doc_;
  d["Quote"]["Quote"] = "not base64!";
  EXPECT_NE(ErrorOf(d).find("Quote.Quote"), std::string::npos);
  d = doc_;
  d["Quote"]["Signature"] = "";
  EXPECT_NE(ErrorOf(d).find("Quote.Signature is empty"), std::string::npos);
  d = doc_;
  d["AK"]["Public"] = 7;
  EXPECT_NE(ErrorOf(d).find("AK.Public is not a string"), std::string::npos);
  d = doc_;
  d["Log"]["PCRs"] = "none";
  EXPECT_NE(ErrorOf(d).find("Log.PCRs missing or not an array"), std::string::npos);
  d = doc_;
  d["Log"]["PCRs"][0]["DigestAlg"] = 4;  // SHA-224
  EXPECT_NE(ErrorOf(d).find("DigestAlg 4"), std::string::npos);
  d = doc_;
  d["Log"]["PCRs"][0]["Index"] = 24;
  EXPECT_NE(ErrorOf(d).find("Index"), std::string::npos);
  d = doc_;
  d["Log"]["PCRs"][0]["Index"] = -1;
  EXPECT_NE(ErrorOf(d).find("Index"), std::string::npos);
  d = doc_;
  d["Log"]["PCRs"][0]["Digest"] = Base64Encode(Bytes(32, 0));  // SHA-256 size in the SHA-1 bank
  EXPECT_NE(ErrorOf(d).find("digest of 32 bytes"), std::string::npos);
  d = doc_;
  d["Log"]["PCRs"].push_back(d["Log"]["PCRs"][0]);
  EXPECT_NE(ErrorOf(d).find("given twice"), std::string::npos);
  d = doc_;
  d["Log"]["PCRs"][1] = nullptr;
  EXPECT_NE(ErrorOf(d).find("not an object"), std::string::npos);
}

// Every truncation of the document (without its 43 KB log, whose truncations event_log_test
// covers: a prefix parse of the whole text at every length would take minutes) is malformed JSON
// or lacks a member, and every truncation of the structures it carries fails their parsers: an
// error, never a crash.
TEST_F(TpmEvidenceTest, EveryTruncationIsAnError) {
  nlohmann::json small = doc_;
  small["Log"].erase("Raw");
  const std::string text = small.dump();
  ASSERT_TRUE(ParseTpmEvidence(text).ok());
  for (size_t n = 0; n < text.size(); ++n) {
    Result<TpmEvidence> e = ParseTpmEvidence(std::string_view(text).substr(0, n));
    ASSERT_FALSE(e.ok()) << n;
    ASSERT_EQ(e.status().code(), StatusCode::kInvalidArgument) << n;
  }
  Result<TpmEvidence> e = ParseTpmEvidence(text_);
  ASSERT_TRUE(e.ok());
  for (size_t n = 0; n < e->ak_public.size(); ++n) {
    ASSERT_FALSE(ParseTpmPublic(ByteSpan(e->ak_public).first(n)).ok()) << n;
  }
  for (size_t n = 0; n < e->signature.size(); ++n) {
    ASSERT_FALSE(ParseTpmSignature(ByteSpan(e->signature).first(n)).ok()) << n;
  }
  for (size_t n = 0; n < e->quote.size(); ++n) {
    ASSERT_FALSE(ParseTpmQuote(ByteSpan(e->quote).first(n)).ok()) << n;
  }
}

}  // namespace
}  // namespace confidant::evidence
