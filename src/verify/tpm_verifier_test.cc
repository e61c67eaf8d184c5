// TPM quote verification: the real GCP Shielded VM quote (SHA-1 PCRs, SHA-1 event log) with its
// expected claims and every way to break it, and synthetic quotes (ECDSA P-256 and RSA-PSS AKs over
// SHA-256 PCRs replayed from a real crypto-agile event log) for the paths the real one lacks.

#include "verify/tpm_verifier.h"

#include <gtest/gtest.h>
#include <tss2/tss2_mu.h>
#include <tss2/tss2_tpm2_types.h>

#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "common/encoding.h"
#include "crypto/hash.h"
#include "crypto/signature.h"
#include "evidence/event_log.h"
#include "testing/vectors.h"

namespace confidant::verify {
namespace {

class GcpQuoteTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
    Result<evidence::TpmEvidence> e = evidence::ParseTpmEvidence(
        vectors::ReadText("tpm-go-attestation/windows_gcp_shielded_vm.json"));
    ASSERT_TRUE(e.ok()) << e.status();
    evidence_ = *std::move(e);
    claims_ = vectors::Case("go-attestation-gcp-windows-quote")["expect"]["claims"];
    options_.allow_sha1 = true;
  }
  Result<VerifiedTpmEvidence> Verify() const { return VerifyTpmEvidence(evidence_, options_); }
  void ExpectCheck(std::string_view check) const {
    Result<VerifiedTpmEvidence> v = Verify();
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(FailedCheck(v.status()), check) << v.status();
  }

  evidence::TpmEvidence evidence_;
  nlohmann::json claims_;
  TpmQuoteOptions options_;
};

TEST_F(GcpQuoteTest, VerifiesWithTheExpectedClaims) {
  Result<VerifiedTpmEvidence> v = Verify();
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->ak.key.bits(), 2048);
  EXPECT_EQ(evidence::AlgorithmName(v->ak.name_alg), "sha256");
  EXPECT_EQ(evidence::AlgorithmName(v->quote.signature.hash_alg), "sha1");
  EXPECT_EQ(v->quote.signature.sig_alg, evidence::kTpmAlgRsassa);
  EXPECT_EQ(HexEncode(v->quote.quote.pcr_digest), claims_["quote"]["pcr_digest"]);
  EXPECT_EQ(HexEncode(v->quote.quote.extra_data), claims_["quote"]["extra_data_hex"]);

  Verified out = ToVerified(*v);
  EXPECT_EQ(out.attestation_type, "tpm");
  EXPECT_EQ(out.trust_anchor, "tpm-ak:" + out.claims["x-confidant-tpm-ak-name"].get<std::string>());
  const nlohmann::json& pcrs = out.claims["x-confidant-tpm-pcrs"];
  ASSERT_EQ(pcrs.size(), 1u);
  EXPECT_EQ(pcrs["sha1"], claims_["pcrs_sha1"]);
  EXPECT_EQ(out.claims["x-confidant-tpm-event-log-pcrs"]["sha1"],
            claims_["event_log"]["pcrs_extended"]);
  EXPECT_EQ(claims_["event_log"]["replay_matches_pcrs"], true);
  EXPECT_EQ(out.claims["secureboot"], claims_["secure_boot_enabled"]);
  EXPECT_EQ(out.claims["x-confidant-tpm-nonce"], "");
  // The AK name is nameAlg ‖ SHA-256(TPMT_PUBLIC).
  EXPECT_EQ(HexEncode(v->ak_name), "000b" + HexEncode(crypto::Sha256(evidence_.ak_public)));
}

TEST_F(GcpQuoteTest, Sha1IsRefusedUnlessAllowed) {
  options_.allow_sha1 = false;
  ExpectCheck("tpm quote signature");
  EXPECT_NE(Verify().status().message().find("--allow-sha1"), std::string_view::npos);
}

TEST_F(GcpQuoteTest, NonceMustMatchWhenGiven) {
  options_.nonce = Bytes{};
  EXPECT_TRUE(Verify().ok());
  options_.nonce = ToBytes("challenge");
  ExpectCheck("nonce");
}

TEST_F(GcpQuoteTest, EverySignedByteOfTheQuoteMatters) {
  const Bytes good = evidence_.quote;
  for (size_t i = 0; i < good.size(); ++i) {
    evidence_.quote = good;
    evidence_.quote[i] ^= 0x01;
    Result<VerifiedTpmEvidence> v = Verify();
    ASSERT_FALSE(v.ok()) << "byte " << i;
    const std::string check = FailedCheck(v.status());
    ASSERT_TRUE(check == "tpm quote signature" || check == "parse") << i << ": " << v.status();
  }
}

TEST_F(GcpQuoteTest, SignatureBytesMatter) {
  Result<evidence::TpmSignature> sig = evidence::ParseTpmSignature(evidence_.signature);
  ASSERT_TRUE(sig.ok());
  evidence_.signature.back() ^= 0x80;
  ExpectCheck("tpm quote signature");
}

TEST_F(GcpQuoteTest, PcrValuesMustHashToTheDigest) {
  evidence_.pcrs[3].digest[0] ^= 1;
  ExpectCheck("pcr digest");
  evidence_.pcrs[3].digest[0] ^= 1;
  evidence_.pcrs.pop_back();
  ExpectCheck("pcr digest");
  EXPECT_NE(Verify().status().message().find("no value was given"), std::string_view::npos);
}

TEST_F(GcpQuoteTest, EventLogMustReplayToTheQuotedPcrs) {
  // Flip a byte of the first event's SHA-1 digest (offset 8 in a TCG_PCR_EVENT).
  evidence_.event_log[8] ^= 1;
  ExpectCheck("event log");
  EXPECT_NE(Verify().status().message().find("PCR 0 (sha1)"), std::string_view::npos);
  evidence_.event_log.resize(5);
  ExpectCheck("event log");
  evidence_.event_log.clear();  // no log: the quote alone verifies, no secure-boot claim
  Result<VerifiedTpmEvidence> v = Verify();
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_FALSE(ToVerified(*v).claims.contains("secureboot"));
  EXPECT_FALSE(ToVerified(*v).claims.contains("x-confidant-tpm-event-log-pcrs"));
}

TEST_F(GcpQuoteTest, TheAkMustBeARestrictedSigningKeyOfTheSignaturesScheme) {
  // TPMT_PUBLIC: type (2), nameAlg (2), objectAttributes (4, big-endian): restricted is bit 16.
  Bytes ak = evidence_.ak_public;
  evidence_.ak_public[5] &= ~0x01;
  ExpectCheck("ak");
  EXPECT_NE(Verify().status().message().find("restricted signing"), std::string_view::npos);
  // The AK's fixed scheme is RSASSA/SHA-1; a signature structure claiming SHA-256 does not fit.
  evidence_.ak_public = ak;
  evidence_.signature[3] = 0x0b;  // TPMT_SIGNATURE: sigAlg (2), hash (2)
  ExpectCheck("ak");
}

TEST_F(GcpQuoteTest, MalformedStructuresAreParseErrors) {
  evidence::TpmEvidence good = evidence_;
  evidence_.ak_public.resize(10);
  ExpectCheck("parse");
  evidence_ = good;
  evidence_.signature.resize(10);
  ExpectCheck("parse");
  evidence_ = good;
  evidence_.quote.push_back(0);
  ExpectCheck("parse");
}

// Synthetic quotes: keys generated here sign TPMS_ATTEST structures marshalled with tss2-mu over
// the SHA-256 PCRs a real crypto-agile event log replays to.
class SyntheticQuoteTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
    log_ = vectors::Read("tpm-go-attestation/crypto_agile_eventlog.bin");
    Result<evidence::EventLog> parsed = evidence::ParseEventLog(log_);
    ASSERT_TRUE(parsed.ok());
    replayed_ = *evidence::ReplayEventLog(*parsed, evidence::kTpmAlgSha256);
    for (uint32_t i = 0; i < 8; ++i) {
      pcrs_.push_back({i, evidence::kTpmAlgSha256, replayed_.at(i)});
    }
  }

  // A TPMS_ATTEST quoting SHA-256 PCRs 0-7 with `nonce`, its pcrDigest over `pcrs_`.
  Bytes Attest(ByteSpan nonce) const {
    TPMS_ATTEST a{};
    a.magic = TPM2_GENERATED_VALUE;
    a.type = TPM2_ST_ATTEST_QUOTE;
    a.extraData.size = static_cast<UINT16>(nonce.size());
    if (!nonce.empty()) std::memcpy(a.extraData.buffer, nonce.data(), nonce.size());
    a.clockInfo.clock = 1234;
    a.clockInfo.safe = 1;
    a.attested.quote.pcrSelect.count = 1;
    TPMS_PCR_SELECTION& s = a.attested.quote.pcrSelect.pcrSelections[0];
    s.hash = TPM2_ALG_SHA256;
    s.sizeofSelect = 3;
    s.pcrSelect[0] = 0xff;
    Bytes values;
    for (const evidence::PcrValue& p : pcrs_) Append(values, p.digest);
    Bytes digest = crypto::Sha256(values);
    a.attested.quote.pcrDigest.size = static_cast<UINT16>(digest.size());
    std::memcpy(a.attested.quote.pcrDigest.buffer, digest.data(), digest.size());
    Bytes out(sizeof(TPMS_ATTEST));
    size_t offset = 0;
    EXPECT_EQ(Tss2_MU_TPMS_ATTEST_Marshal(&a, out.data(), out.size(), &offset), TSS2_RC_SUCCESS);
    out.resize(offset);
    return out;
  }

  Bytes log_;
  std::map<uint32_t, Bytes> replayed_;
  std::vector<evidence::PcrValue> pcrs_;
};

TEST_F(SyntheticQuoteTest, EcdsaP256QuoteWithACryptoAgileLog) {
  crypto::PrivateKey key = *crypto::PrivateKey::GenerateEc(crypto::KeyType::kEcP256);
  const Bytes nonce = ToBytes("fresh nonce");
  const Bytes attest = Attest(nonce);
  Bytes raw = *crypto::EcdsaSign(key, crypto::HashAlgorithm::kSha256, attest,
                                 crypto::EcdsaFormat::kRawBigEndian);
  evidence::TpmSignature sig;
  sig.sig_alg = evidence::kTpmAlgEcdsa;
  sig.hash_alg = evidence::kTpmAlgSha256;
  sig.ecdsa_r.assign(raw.begin(), raw.begin() + 32);
  sig.ecdsa_s.assign(raw.begin() + 32, raw.end());
  TpmQuoteOptions options;
  options.nonce = nonce;

  Result<VerifiedTpmQuote> v =
      VerifyTpmQuote("tpm", key.public_key(), attest, sig, pcrs_, log_, options);
  ASSERT_TRUE(v.ok()) << v.status();
  std::vector<uint32_t> all = {0, 1, 2, 3, 4, 5, 6, 7};
  EXPECT_EQ(v->event_log_pcrs.at(evidence::kTpmAlgSha256), all);
  ASSERT_TRUE(v->secure_boot.has_value());  // PCR 7 is verified and measures SecureBoot
  EXPECT_FALSE(*v->secure_boot);            // measured with no data: not enabled
  nlohmann::json claims = TpmQuoteClaims(*v);
  EXPECT_EQ(claims["x-confidant-tpm-nonce"], HexEncode(nonce));
  EXPECT_EQ(claims["x-confidant-tpm-clock"]["clock"], 1234);

  // r and s shorter than the field (leading zeros dropped) are padded.
  evidence::TpmSignature short_r = sig;
  if (short_r.ecdsa_r[0] == 0) short_r.ecdsa_r.erase(short_r.ecdsa_r.begin());
  EXPECT_TRUE(VerifyTpmQuote("tpm", key.public_key(), attest, short_r, pcrs_, log_, options).ok());

  // A quoted PCR the log disagrees with.
  std::vector<evidence::PcrValue> other = pcrs_;
  other[4].digest = Bytes(32, 0x44);
  evidence::TpmSignature resigned = sig;
  {
    std::vector<evidence::PcrValue> saved = pcrs_;
    pcrs_ = other;
    Bytes attest2 = Attest(nonce);
    Bytes raw2 = *crypto::EcdsaSign(key, crypto::HashAlgorithm::kSha256, attest2,
                                    crypto::EcdsaFormat::kRawBigEndian);
    resigned.ecdsa_r.assign(raw2.begin(), raw2.begin() + 32);
    resigned.ecdsa_s.assign(raw2.begin() + 32, raw2.end());
    Result<VerifiedTpmQuote> bad =
        VerifyTpmQuote("tpm", key.public_key(), attest2, resigned, pcrs_, log_, options);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(FailedCheck(bad.status()), "event log") << bad.status();
    EXPECT_NE(bad.status().message().find("PCR 4 (sha256)"), std::string_view::npos);
    pcrs_ = saved;
  }

  // The wrong key, the wrong key type, r or s too long, a SHA-1 log for a SHA-256 quote.
  crypto::PrivateKey other_key = *crypto::PrivateKey::GenerateEc(crypto::KeyType::kEcP256);
  EXPECT_EQ(
      FailedCheck(VerifyTpmQuote("tpm", other_key.public_key(), attest, sig, pcrs_, log_, options)
                      .status()),
      "tpm quote signature");
  crypto::PrivateKey rsa = *crypto::PrivateKey::GenerateRsa(2048);
  EXPECT_EQ(
      FailedCheck(
          VerifyTpmQuote("tpm", rsa.public_key(), attest, sig, pcrs_, log_, options).status()),
      "ak");
  evidence::TpmSignature long_r = sig;
  long_r.ecdsa_r.insert(long_r.ecdsa_r.begin(), 1);
  EXPECT_EQ(
      FailedCheck(
          VerifyTpmQuote("tpm", key.public_key(), attest, long_r, pcrs_, log_, options).status()),
      "tpm quote signature");
  Bytes sha1_log = *Base64Decode(nlohmann::json::parse(vectors::ReadText(
      "tpm-go-attestation/windows_gcp_shielded_vm.json"))["Log"]["Raw"]
                                     .get<std::string>());
  Result<VerifiedTpmQuote> no_bank =
      VerifyTpmQuote("tpm", key.public_key(), attest, sig, pcrs_, sha1_log, options);
  ASSERT_FALSE(no_bank.ok());
  EXPECT_EQ(FailedCheck(no_bank.status()), "event log");
  EXPECT_NE(no_bank.status().message().find("none of the quoted PCR banks"),
            std::string_view::npos);
}

TEST_F(SyntheticQuoteTest, RsaPssQuote) {
  crypto::PrivateKey key = *crypto::PrivateKey::GenerateRsa(2048);
  const Bytes attest = Attest({});
  evidence::TpmSignature sig;
  sig.sig_alg = evidence::kTpmAlgRsapss;
  sig.hash_alg = evidence::kTpmAlgSha256;
  sig.rsa_signature =
      *crypto::RsaSign(key, crypto::RsaPadding::kPss, crypto::HashAlgorithm::kSha256, attest);
  Result<VerifiedTpmQuote> v =
      VerifyTpmQuote("azure-vtpm", key.public_key(), attest, sig, pcrs_, {}, TpmQuoteOptions{});
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_FALSE(v->event_log_present);
  // The same bytes as PKCS#1 v1.5 do not verify; rejections carry the caller's kind.
  sig.sig_alg = evidence::kTpmAlgRsassa;
  Result<VerifiedTpmQuote> wrong =
      VerifyTpmQuote("azure-vtpm", key.public_key(), attest, sig, pcrs_, {}, TpmQuoteOptions{});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().message().rfind("azure-vtpm: tpm quote signature: ", 0), 0u)
      << wrong.status();
  sig.sig_alg = 0x0015;  // TPM_ALG_RSAES: not a signature scheme
  EXPECT_EQ(
      FailedCheck(VerifyTpmQuote("tpm", key.public_key(), attest, sig, pcrs_, {}, TpmQuoteOptions{})
                      .status()),
      "tpm quote signature");
}

}  // namespace
}  // namespace confidant::verify
