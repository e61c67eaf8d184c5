// TPM quote structures from a real TPM (go-attestation's GCP Windows shielded VM dump), and
// malformed variants.

#include "evidence/tpm_quote.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "common/byte_reader.h"
#include "common/encoding.h"
#include "crypto/hash.h"
#include "evidence/event_log.h"
#include "testing/vectors.h"

namespace confidant::evidence {
namespace {

class TpmQuoteVectorsTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
    dump_ =
        nlohmann::json::parse(vectors::ReadText("tpm-go-attestation/windows_gcp_shielded_vm.json"));
    claims_ = vectors::Case("go-attestation-gcp-windows-quote")["expect"]["claims"];
  }
  Bytes Field(const char* group, const char* name) {
    return *Base64Decode(dump_[group][name].get<std::string>());
  }
  nlohmann::json dump_;
  nlohmann::json claims_;
};

TEST_F(TpmQuoteVectorsTest, QuoteSignatureAndKeyParse) {
  Result<TpmQuote> quote = ParseTpmQuote(Field("Quote", "Quote"));
  ASSERT_TRUE(quote.ok()) << quote.status();
  EXPECT_EQ(HexEncode(quote->extra_data), claims_["quote"]["extra_data_hex"]);
  ASSERT_EQ(quote->pcr_selections.size(), 1u);
  EXPECT_EQ(AlgorithmName(quote->pcr_selections[0].hash_alg),
            claims_["quote"]["pcr_select"]["bank"]);
  EXPECT_EQ(nlohmann::json(quote->pcr_selections[0].pcrs), claims_["quote"]["pcr_select"]["pcrs"]);
  EXPECT_EQ(HexEncode(quote->pcr_digest), claims_["quote"]["pcr_digest"]);

  // The digest is SHA-1 over the selected PCR values in order.
  Bytes concatenated;
  for (uint32_t pcr : quote->pcr_selections[0].pcrs) {
    Append(concatenated, *HexDecode(claims_["pcrs_sha1"][std::to_string(pcr)].get<std::string>()));
  }
  EXPECT_EQ(crypto::Digest(crypto::HashAlgorithm::kSha1, concatenated), quote->pcr_digest);

  Result<TpmSignature> sig = ParseTpmSignature(Field("Quote", "Signature"));
  ASSERT_TRUE(sig.ok()) << sig.status();
  EXPECT_EQ(sig->sig_alg, kTpmAlgRsassa);
  EXPECT_EQ(sig->hash_alg, kTpmAlgSha1);
  EXPECT_EQ(sig->rsa_signature.size(), 256u);

  Result<TpmPublicKey> ak = ParseTpmPublic(Field("AK", "Public"));
  ASSERT_TRUE(ak.ok()) << ak.status();
  EXPECT_EQ(ak->type, kTpmAlgRsa);
  EXPECT_EQ(ak->key.bits(), 2048);
  EXPECT_EQ(ak->scheme, kTpmAlgRsassa);
  EXPECT_EQ(ak->scheme_hash, kTpmAlgSha1);
  EXPECT_EQ(ak->name_alg, kTpmAlgSha256);
}

// The dump's event log is SHA-1 format (no Spec ID event) and replays to the quoted PCRs.
TEST_F(TpmQuoteVectorsTest, Sha1FormatLogReplaysToTheQuotedPcrs) {
  Result<EventLog> log = ParseEventLog(Field("Log", "Raw"));
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_FALSE(log->crypto_agile);
  EXPECT_EQ(log->events.size(), claims_["event_log"]["events"].get<size_t>());
  Result<std::map<uint32_t, Bytes>> pcrs = ReplayEventLog(*log, kTpmAlgSha1);
  ASSERT_TRUE(pcrs.ok()) << pcrs.status();
  nlohmann::json extended = nlohmann::json::array();
  for (const auto& [index, value] : *pcrs) {
    extended.push_back(index);
    EXPECT_EQ(HexEncode(value), claims_["pcrs_sha1"][std::to_string(index)]) << "PCR " << index;
  }
  EXPECT_EQ(extended, claims_["event_log"]["pcrs_extended"]);
}

TEST_F(TpmQuoteVectorsTest, MalformedQuotesAreRejected) {
  const Bytes good = Field("Quote", "Quote");
  for (size_t n = 0; n < good.size(); ++n) {
    Result<TpmQuote> q = ParseTpmQuote(ByteSpan(good).first(n));
    ASSERT_FALSE(q.ok()) << n;
    ASSERT_EQ(q.status().code(), StatusCode::kInvalidArgument);
  }
  Bytes trailing = good;
  trailing.push_back(0);
  EXPECT_NE(ParseTpmQuote(trailing).status().message().find("1 trailing bytes"),
            std::string_view::npos);
  Bytes magic = good;
  magic[0] = 0x00;
  EXPECT_NE(ParseTpmQuote(magic).status().message().find("TPM_GENERATED_VALUE"),
            std::string_view::npos);
  Bytes type = good;
  type[5] = 0x17;  // TPM_ST_ATTEST_CERTIFY
  EXPECT_FALSE(ParseTpmQuote(type).ok());
  const Bytes sig = Field("Quote", "Signature");
  for (size_t n = 0; n < sig.size(); ++n) {
    ASSERT_FALSE(ParseTpmSignature(ByteSpan(sig).first(n)).ok()) << n;
  }
  const Bytes pub = Field("AK", "Public");
  for (size_t n = 0; n < pub.size(); ++n) {
    ASSERT_FALSE(ParseTpmPublic(ByteSpan(pub).first(n)).ok()) << n;
  }
}

// A TPMT_SIGNATURE of an ECC-shaped scheme: sigAlg, hash, TPM2B r and s (big-endian).
Bytes EccShapedSignature(uint16_t sig_alg) {
  ByteWriter w;
  w.U16Be(sig_alg);
  w.U16Be(kTpmAlgSha256);
  for (int i = 0; i < 2; ++i) {
    w.U16Be(32);
    w.Write(Bytes(32, static_cast<uint8_t>(i + 1)));
  }
  return std::move(w).Take();
}

// docs/attestation-evidence.md: signatures must be RSASSA, RSAPSS or ECDSA. Schemes tss2 decodes
// but Confidant does not verify are refused by name, not misread.
TEST(TpmSignatureTest, RefusesUnsupportedSchemes) {
  Result<TpmSignature> ecdsa = ParseTpmSignature(EccShapedSignature(kTpmAlgEcdsa));
  ASSERT_TRUE(ecdsa.ok()) << ecdsa.status();
  EXPECT_EQ(ecdsa->ecdsa_r, Bytes(32, 1));
  EXPECT_EQ(ecdsa->ecdsa_s, Bytes(32, 2));
  for (const auto& [sig_alg, hex] : std::vector<std::pair<uint16_t, std::string>>{
           {0x001a, "0x0000001a"},     // TPM_ALG_ECDAA
           {0x001b, "0x0000001b"},     // TPM_ALG_SM2
           {0x001c, "0x0000001c"}}) {  // TPM_ALG_ECSCHNORR
    EXPECT_EQ(ParseTpmSignature(EccShapedSignature(sig_alg)).status(),
              InvalidArgumentError("tpm signature: unsupported scheme " + hex +
                                   " (RSASSA, RSAPSS and ECDSA are supported)"));
  }
  // TPM_ALG_NULL: a signature with no body.
  EXPECT_EQ(ParseTpmSignature(Bytes{0x00, 0x10}).status(),
            InvalidArgumentError("tpm signature: unsupported scheme 0x00000010 (RSASSA, RSAPSS "
                                 "and ECDSA are supported)"));
}

}  // namespace
}  // namespace confidant::evidence
