// Every maa-token case of ../shared/vectors/cases.json, data-driven (tokens, the JWKS and the
// OpenID metadata, read from the Azure SDK recordings as each case locates them), then the ways a
// token or a JWKS can be wrong: edits of the real token, and tokens minted by a test key.

#include "verify/maa_token.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/encoding.h"
#include "common/time.h"
#include "crypto/certificate_builder.h"
#include "crypto/chain.h"
#include "crypto/hash.h"
#include "crypto/jwk.h"
#include "crypto/jws.h"
#include "testing/vectors.h"

namespace confidant::verify {
namespace {

constexpr char kSharedIssuer[] = "https://sharedwus.wus.attest.azure.net";
constexpr char kMaaKid[] = "XxRc2vLh1E5FrsNawnRH3PzuFgqg3q7NvCdnjoJHBGE=";

// The response body of a recorded call. Azure SDK test-proxy recordings are
// {"networkCallRecords": [{"Method", "Url", "Response": {"BODY": "<text>", ...}}, ...]}; a case's
// location gives the record, a part of its URL and the member of the body it means (or null).
std::string RecordedBody(const std::string& recording, const nlohmann::json& location) {
  nlohmann::json calls = nlohmann::json::parse(vectors::ReadText(recording))["networkCallRecords"];
  const nlohmann::json& call = calls.at(location["record"].get<size_t>());
  EXPECT_NE(call["Url"].get<std::string>().find(location["url_contains"].get<std::string>()),
            std::string::npos)
      << call["Url"];
  std::string body = call["Response"]["BODY"].get<std::string>();
  if (location["body_json_field"].is_string()) {
    EXPECT_TRUE(nlohmann::json::parse(body).contains(location["body_json_field"]));
  }
  return body;
}

std::string RecordedToken(const nlohmann::json& c) {
  const nlohmann::json& location = c["token_location"];
  return nlohmann::json::parse(RecordedBody(c["evidence"], location))[location["body_json_field"]];
}

// The JWKS a token case names: the GET /certs response of the same recording.
MaaSigningKeys RecordedKeys(const nlohmann::json& c) {
  Result<MaaSigningKeys> keys =
      ParseMaaJwks(RecordedBody(c["collateral"]["jwks_recording"], c["jwks_location"]));
  EXPECT_TRUE(keys.ok()) << keys.status();
  return keys.ok() ? *keys : MaaSigningKeys{};
}

int64_t CaseNow(const nlohmann::json& c) {
  return ToUnixSeconds(*ParseRfc3339(c["now"].get<std::string>()));
}

// A claim by name; a dotted name that is not itself a claim is a path into nested objects
// ("x-ms-sgx-collateral.quotehash").
nlohmann::json ClaimAt(const nlohmann::json& claims, const std::string& name) {
  if (claims.contains(name)) return claims[name];
  const nlohmann::json* at = &claims;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    std::string part = name.substr(start, dot == std::string::npos ? dot : dot - start);
    if (!at->is_object() || !at->contains(part)) return nullptr;
    at = &(*at)[part];
    if (dot == std::string::npos) return *at;
    start = dot + 1;
  }
}

void CheckTokenCase(const nlohmann::json& c) {
  const nlohmann::json& expect = c["expect"];
  Result<VerifiedMaaToken> verified = VerifyMaaToken(RecordedToken(c), RecordedKeys(c), CaseNow(c));
  if (expect["verdict"] != "ok") {
    ASSERT_FALSE(verified.ok());
    std::string check = expect["error_class"];
    std::replace(check.begin(), check.end(), '_', ' ');
    EXPECT_EQ(FailedCheck(verified.status()), check) << verified.status();
    return;
  }
  ASSERT_TRUE(verified.ok()) << verified.status();
  for (const auto& [name, value] : expect["header"].items()) {
    EXPECT_EQ(verified->header[name], value) << "header " << name;
  }
  constexpr std::string_view kEhdSuffix = "_equals_enclave_held_data";
  for (const auto& [name, value] : expect["claims"].items()) {
    if (name.ends_with(kEhdSuffix)) {
      // The runtime data the SDK test sent, returned base64url in the named claim.
      nlohmann::json ehd =
          ClaimAt(verified->claims, name.substr(0, name.size() - kEhdSuffix.size()));
      ASSERT_TRUE(ehd.is_string()) << name;
      Result<Bytes> decoded = Base64UrlDecode(ehd.get<std::string>());
      ASSERT_TRUE(decoded.ok()) << decoded.status();
      EXPECT_EQ(*decoded == vectors::Read("sgx-azure-oe/enclave_held_data.bin"), value) << name;
      continue;
    }
    EXPECT_EQ(ClaimAt(verified->claims, name), value) << "claim " << name;
  }
  EXPECT_EQ(verified->kid, expect["header"]["kid"]);
  Verified result = ToVerified(*verified);
  EXPECT_EQ(result.attestation_type, expect["claims"]["x-ms-attestation-type"]);
  EXPECT_EQ(result.trust_anchor, "maa:" + expect["claims"]["iss"].get<std::string>());
  EXPECT_EQ(result.ToJson()["x-confidant-trust-anchor"], result.trust_anchor);
}

void CheckJwksCase(const nlohmann::json& c) {
  Result<MaaSigningKeys> keys = ParseMaaJwks(RecordedBody(c["evidence"], c["jwks_location"]));
  ASSERT_TRUE(keys.ok()) << keys.status();
  const nlohmann::json& claims = c["expect"]["claims"];
  std::vector<std::string> kids;
  std::vector<size_t> x5c_lengths;
  for (const MaaSigningKey& key : keys->keys) {
    kids.push_back(key.kid);
    x5c_lengths.push_back(key.certificates.size());
    EXPECT_TRUE(claims["keys"].contains(key.kid)) << key.kid;
  }
  EXPECT_EQ(keys->keys.size(), claims["key_count"].get<size_t>());
  EXPECT_EQ(nlohmann::json(kids), claims["kids"]);
  EXPECT_EQ(nlohmann::json(x5c_lengths), claims["x5c_lengths"]);
}

void CheckMetadataCase(const nlohmann::json& c) {
  Result<MaaOpenIdMetadata> metadata =
      ParseMaaOpenIdMetadata(RecordedBody(c["evidence"], c["metadata_location"]));
  ASSERT_TRUE(metadata.ok()) << metadata.status();
  nlohmann::json parsed = {
      {"issuer", metadata->issuer},
      {"jwks_uri", metadata->jwks_uri},
      {"revocation_endpoint", metadata->revocation_endpoint.value_or("")},
      {"id_token_signing_alg_values_supported", metadata->id_token_signing_alg_values_supported},
      {"response_types_supported", metadata->response_types_supported},
      {"claims_supported_count", metadata->claims_supported.size()},
  };
  for (const auto& [name, value] : c["expect"]["claims"].items()) {
    ASSERT_TRUE(parsed.contains(name)) << "unexpected claim " << name;
    EXPECT_EQ(parsed[name], value) << name;
  }
}

TEST(MaaTokenTest, EveryVectorCase) {
  if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
  int cases = 0;
  for (const nlohmann::json& c : vectors::Cases("maa-token")) {
    SCOPED_TRACE(c["id"].get<std::string>());
    ++cases;
    const std::string artifact = c.value("artifact", "");
    if (artifact == "jwks") {
      CheckJwksCase(c);
    } else if (artifact == "openid-configuration") {
      CheckMetadataCase(c);
    } else {
      ASSERT_EQ(artifact, "");
      CheckTokenCase(c);
    }
  }
  EXPECT_GE(cases, 7);
}

// x-ms-sgx-collateral.quotehash is SHA-256 of the evidence MAA was sent: the SGX quote for
// /attest/SgxEnclave, the Open Enclave report around it for /attest/OpenEnclave.
TEST(MaaTokenTest, QuoteHashIsTheRecordedQuotes) {
  if (!vectors::Available()) GTEST_SKIP();
  for (const nlohmann::json& c : vectors::Cases("maa-token")) {
    if (!c.contains("token_location") || c["expect"]["verdict"] != "ok") continue;
    SCOPED_TRACE(c["id"].get<std::string>());
    Result<VerifiedMaaToken> verified =
        VerifyMaaToken(RecordedToken(c), RecordedKeys(c), CaseNow(c));
    ASSERT_TRUE(verified.ok()) << verified.status();
    bool oe = c["token_location"]["url_contains"] == "/attest/OpenEnclave";
    Bytes quote =
        vectors::Read(oe ? "sgx-azure-oe/oe_report_debug.bin" : "sgx-azure-oe/sgx_quote_debug.bin");
    EXPECT_EQ(ClaimAt(verified->claims, "x-ms-sgx-collateral.quotehash"),
              HexEncode(crypto::Sha256(quote)));
  }
}

// What the signing-certificates case says about each key's certificates.
TEST(MaaTokenTest, JwksCertificates) {
  if (!vectors::Available()) GTEST_SKIP();
  nlohmann::json c = vectors::Case("maa-signing-certificates");
  Result<MaaSigningKeys> keys = ParseMaaJwks(RecordedBody(c["evidence"], c["jwks_location"]));
  ASSERT_TRUE(keys.ok()) << keys.status();
  const int64_t now = CaseNow(c);

  const MaaSigningKey* token_key = keys->Find(kMaaKid);
  ASSERT_NE(token_key, nullptr);
  const crypto::Certificate& self_signed = token_key->certificates.at(0);
  EXPECT_EQ(self_signed.subject(), std::string("CN=") + kSharedIssuer);
  EXPECT_TRUE(self_signed.IsSelfSigned());
  EXPECT_EQ(self_signed.not_before(), ToUnixSeconds(*ParseRfc3339("2019-05-01T00:00:00Z")));
  EXPECT_EQ(self_signed.not_after(), ToUnixSeconds(*ParseRfc3339("2050-12-31T23:59:59Z")));
  Result<std::optional<Bytes>> quote = self_signed.ExtensionValue("1.3.6.1.4.1.311.105.1");
  ASSERT_TRUE(quote.ok()) << quote.status();
  EXPECT_TRUE(quote->has_value());

  for (const char* kid : {"D5DR62_fG0AlpALMbsP-wriTWjU", "5n95sus8qrcBcVLXZu3lPYgdMlM"}) {
    SCOPED_TRACE(kid);
    const MaaSigningKey* key = keys->Find(kid);
    ASSERT_NE(key, nullptr);
    ASSERT_EQ(key->certificates.size(), 3u);
    const crypto::Certificate& leaf = key->certificates[0];
    EXPECT_EQ(leaf.SubjectCommonName(), "Microsoft Azure Attestation 2020");
    EXPECT_EQ(key->certificates[1].SubjectCommonName(), "Microsoft Azure Attestation PCA 2019");
    EXPECT_EQ(key->certificates[2].SubjectCommonName(),
              "Microsoft Root Certificate Authority 2011");
    std::vector<crypto::Certificate> pca = {key->certificates[1]};
    std::vector<crypto::Certificate> root = {key->certificates[2]};
    // Every link verifies while the leaf is valid; the older leaf has expired at the case's now.
    EXPECT_TRUE(crypto::VerifyChain(leaf, pca, root, {}, leaf.not_before()).ok());
    bool valid_now = now >= leaf.not_before() && now <= leaf.not_after();
    EXPECT_EQ(crypto::VerifyChain(leaf, pca, root, {}, now).ok(), valid_now);
    EXPECT_EQ(valid_now, std::string(kid) == "D5DR62_fG0AlpALMbsP-wriTWjU");
  }
}

// The real shared-instance token and its JWKS, for edits.
class MaaRealTokenTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
    nlohmann::json c = vectors::Case("maa-simple-attest-sgx");
    token_ = RecordedToken(c);
    jwks_ = RecordedBody(c["collateral"]["jwks_recording"], c["jwks_location"]);
    keys_ = RecordedKeys(c);
    now_ = CaseNow(c);
    size_t first = token_.find('.');
    size_t second = token_.find('.', first + 1);
    header_ = token_.substr(0, first);
    payload_ = token_.substr(first + 1, second - first - 1);
    signature_ = token_.substr(second + 1);
  }

  Result<VerifiedMaaToken> Verify(const std::string& token, const MaaTokenPolicy& policy = {}) {
    return VerifyMaaToken(token, keys_, now_, policy);
  }

  // The token with its header replaced by `header` (the signature no longer covers it).
  std::string WithHeader(const nlohmann::json& header) const {
    return Base64UrlEncode(AsBytes(header.dump())) + "." + payload_ + "." + signature_;
  }

  std::string token_, jwks_, header_, payload_, signature_;
  MaaSigningKeys keys_;
  int64_t now_ = 0;
};

// Every truncation of the real token is refused, never a crash.
TEST_F(MaaRealTokenTest, EveryTruncationIsRefused) {
  for (size_t n = 0; n < token_.size(); ++n) {
    Result<VerifiedMaaToken> v = Verify(token_.substr(0, n));
    ASSERT_FALSE(v.ok()) << n;
    const std::string check = FailedCheck(v.status());
    ASSERT_TRUE(check == "parse" || check == "token signature") << n << ": " << v.status();
  }
}

TEST_F(MaaRealTokenTest, Verifies) {
  Result<VerifiedMaaToken> verified = Verify(token_);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(verified->issuer, kSharedIssuer);
  EXPECT_EQ(verified->attestation_type, "sgx");
  EXPECT_EQ(ToVerified(*verified).trust_anchor, std::string("maa:") + kSharedIssuer);
}

TEST_F(MaaRealTokenTest, FlippedSignatureByteIsTokenSignature) {
  Result<Bytes> signature = Base64UrlDecode(signature_);
  ASSERT_TRUE(signature.ok());
  for (size_t i : {size_t{0}, signature->size() / 2, signature->size() - 1}) {
    Bytes flipped = *signature;
    flipped[i] ^= 0x01;
    Result<VerifiedMaaToken> verified =
        Verify(header_ + "." + payload_ + "." + Base64UrlEncode(flipped));
    ASSERT_FALSE(verified.ok()) << i;
    EXPECT_EQ(FailedCheck(verified.status()), check::kTokenSignature) << verified.status();
    EXPECT_EQ(verified.status().code(), StatusCode::kUnauthenticated);
  }
}

TEST_F(MaaRealTokenTest, EditedPayloadOrHeaderIsTokenSignature) {
  Result<Bytes> payload = Base64UrlDecode(payload_);
  ASSERT_TRUE(payload.ok());
  nlohmann::json claims = nlohmann::json::parse(ToString(*payload));
  claims["x-ms-sgx-is-debuggable"] = false;
  std::string edited = header_ + "." + Base64UrlEncode(AsBytes(claims.dump())) + "." + signature_;
  EXPECT_EQ(FailedCheck(Verify(edited).status()), check::kTokenSignature);

  nlohmann::json header = *crypto::JwsDecodeHeaderUnverified(token_);
  header["jku"] = "https://attacker.example/certs";
  EXPECT_EQ(FailedCheck(Verify(WithHeader(header)).status()), check::kTokenSignature);
}

TEST_F(MaaRealTokenTest, UnknownKidIsTokenSignature) {
  nlohmann::json header = *crypto::JwsDecodeHeaderUnverified(token_);
  header["kid"] = "D5DR62_fG0AlpALMbsP-wriTWjU-unknown";
  Result<VerifiedMaaToken> verified = Verify(WithHeader(header));
  EXPECT_EQ(FailedCheck(verified.status()), check::kTokenSignature) << verified.status();
  EXPECT_NE(verified.status().message().find("no signing key has kid"), std::string::npos);

  // The same token against a JWKS without its key.
  nlohmann::json jwks = nlohmann::json::parse(jwks_);
  jwks["keys"].erase(0);
  Result<MaaSigningKeys> others = ParseMaaJwks(jwks.dump());
  ASSERT_TRUE(others.ok()) << others.status();
  EXPECT_EQ(FailedCheck(VerifyMaaToken(token_, *others, now_).status()), check::kTokenSignature);
}

TEST_F(MaaRealTokenTest, OtherAlgorithmsAreTokenSignature) {
  nlohmann::json header = *crypto::JwsDecodeHeaderUnverified(token_);
  for (const char* alg : {"none", "HS256", "ES256", "PS256"}) {
    header["alg"] = alg;
    Result<VerifiedMaaToken> verified = Verify(WithHeader(header));
    EXPECT_EQ(FailedCheck(verified.status()), check::kTokenSignature) << alg << verified.status();
  }
}

TEST_F(MaaRealTokenTest, MalformedTokensAreParse) {
  nlohmann::json header = *crypto::JwsDecodeHeaderUnverified(token_);
  nlohmann::json no_kid = header;
  no_kid.erase("kid");
  nlohmann::json numeric_kid = header;
  numeric_kid["kid"] = 1;
  nlohmann::json crit = header;
  crit["crit"] = nlohmann::json::array({"exp"});
  const std::vector<std::string> malformed = {
      "",
      header_,
      header_ + "." + payload_,
      token_ + "." + signature_,
      header_ + "." + payload_ + ".",
      "." + payload_ + "." + signature_,
      "!!!." + payload_ + "." + signature_,
      header_ + "=." + payload_ + "." + signature_,
      Base64UrlEncode(AsBytes("not json")) + "." + payload_ + "." + signature_,
      Base64UrlEncode(AsBytes("[1]")) + "." + payload_ + "." + signature_,
      WithHeader(no_kid),
      WithHeader(numeric_kid),
      WithHeader(crit),
      header_ + ".!!!." + signature_,
      header_ + "." + payload_ + ".!!!",
  };
  for (const std::string& token : malformed) {
    Result<VerifiedMaaToken> verified = Verify(token);
    ASSERT_FALSE(verified.ok()) << token;
    EXPECT_EQ(verified.status().code(), StatusCode::kInvalidArgument) << verified.status();
    EXPECT_EQ(FailedCheck(verified.status()), check::kParse) << verified.status();
    EXPECT_TRUE(verified.status().message().starts_with("maa: parse: ")) << verified.status();
  }
}

TEST_F(MaaRealTokenTest, ValidityWindowIsExpired) {
  Result<VerifiedMaaToken> verified = Verify(token_);
  ASSERT_TRUE(verified.ok()) << verified.status();
  const int64_t nbf = verified->claims["nbf"];
  const int64_t exp = verified->claims["exp"];
  EXPECT_TRUE(VerifyMaaToken(token_, keys_, nbf).ok());
  EXPECT_TRUE(VerifyMaaToken(token_, keys_, exp - 1).ok());
  for (int64_t at : {nbf - 1, exp, exp + 86400}) {
    Result<VerifiedMaaToken> outside = VerifyMaaToken(token_, keys_, at);
    EXPECT_EQ(FailedCheck(outside.status()), check::kExpired) << at << ": " << outside.status();
  }
}

TEST_F(MaaRealTokenTest, IssuerPolicy) {
  EXPECT_TRUE(Verify(token_, {.issuer = kSharedIssuer}).ok());
  Result<VerifiedMaaToken> other =
      Verify(token_, {.issuer = "https://cplarryoattestationiso.wus.attest.azure.net"});
  EXPECT_EQ(other.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(FailedCheck(other.status()), check::kPolicy) << other.status();
}

// A JWK that gives n and e instead of x5c carries the same key.
TEST_F(MaaRealTokenTest, KeyFromModulusAndExponent) {
  const MaaSigningKey* key = keys_.Find(kMaaKid);
  ASSERT_NE(key, nullptr);
  nlohmann::json jwk = *crypto::PublicKeyToJwk(key->key);
  jwk["kid"] = kMaaKid;
  Result<MaaSigningKeys> keys =
      ParseMaaJwks(nlohmann::json{{"keys", nlohmann::json::array({jwk})}}.dump());
  ASSERT_TRUE(keys.ok()) << keys.status();
  EXPECT_TRUE(keys->keys[0].certificates.empty());
  EXPECT_TRUE(VerifyMaaToken(token_, *keys, now_).ok());

  // Both: they must agree.
  nlohmann::json jwks = nlohmann::json::parse(jwks_);
  jwks["keys"][0]["n"] = jwk["n"];
  jwks["keys"][0]["e"] = jwk["e"];
  EXPECT_TRUE(ParseMaaJwks(jwks.dump()).ok());
  jwks["keys"][0]["e"] = "Aw";  // 3
  Result<MaaSigningKeys> mismatch = ParseMaaJwks(jwks.dump());
  EXPECT_EQ(mismatch.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(mismatch.status().message().find("keys[0]: \"n\" and \"e\" are not the key of x5c[0]"),
            std::string::npos)
      << mismatch.status();
}

// Each malformed JWKS is INVALID_ARGUMENT naming the member.
TEST_F(MaaRealTokenTest, MalformedJwks) {
  const nlohmann::json real = nlohmann::json::parse(jwks_);
  auto edit = [&](auto change) {
    nlohmann::json jwks = real;
    change(jwks);
    return jwks.dump();
  };
  const std::string intel_root = Base64Encode(vectors::Read("trust/intel_sgx_root_ca_2049.der"));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not json", "maa jwks: not a JSON object"},
      {"[]", "maa jwks: not a JSON object"},
      {"{}", "maa jwks: \"keys\" missing or not a non-empty array"},
      {R"({"keys": {}})", "maa jwks: \"keys\" missing or not a non-empty array"},
      {R"({"keys": []})", "maa jwks: \"keys\" missing or not a non-empty array"},
      {R"({"keys": [1]})", "maa jwks: keys[0]: not a JSON object"},
      {edit([](auto& j) { j["keys"][1].erase("kid"); }), "maa jwks: keys[1]: \"kid\" missing"},
      {edit([](auto& j) { j["keys"][0]["kid"] = ""; }), "maa jwks: keys[0]: \"kid\" missing"},
      {edit([](auto& j) { j["keys"][2]["kid"] = j["keys"][0]["kid"]; }),
       "maa jwks: keys[2].kid: \"" + std::string(kMaaKid) + "\" appears twice"},
      {edit([](auto& j) { j["keys"][0]["kty"] = "EC"; }), "maa jwks: keys[0].kty: \"EC\""},
      {edit([](auto& j) { j["keys"][0].erase("x5c"); }),
       "maa jwks: keys[0]: neither \"x5c\" nor \"n\" and \"e\""},
      {edit([](auto& j) { j["keys"][0]["x5c"] = "MII"; }), "maa jwks: keys[0].x5c: not a"},
      {edit([](auto& j) { j["keys"][0]["x5c"] = nlohmann::json::array(); }),
       "maa jwks: keys[0].x5c: not a"},
      {edit([](auto& j) { j["keys"][1]["x5c"][2] = 7; }), "maa jwks: keys[1].x5c[2]: not a string"},
      {edit([](auto& j) { j["keys"][0]["x5c"][0] = "MIIV*Z"; }), "maa jwks: keys[0].x5c[0]: "},
      {edit([](auto& j) { j["keys"][0]["x5c"][0] = "MIIVZzCCFE+gAwIBAgIBATAN"; }),
       "maa jwks: keys[0].x5c[0]: "},
      {edit([&](auto& j) { j["keys"][0]["x5c"][0] = intel_root; }),
       "maa jwks: keys[0]: the key is EC P-256, not RSA"},
      {edit([](auto& j) { j["keys"][0]["n"] = "AQAB"; }), "maa jwks: keys[0]: jwk: member \"e\""},
  };
  for (const auto& [jwks, error] : cases) {
    Result<MaaSigningKeys> keys = ParseMaaJwks(jwks);
    ASSERT_FALSE(keys.ok()) << error;
    EXPECT_EQ(keys.status().code(), StatusCode::kInvalidArgument) << keys.status();
    EXPECT_TRUE(keys.status().message().starts_with(error)) << keys.status() << "\nwant " << error;
  }
}

TEST_F(MaaRealTokenTest, MalformedOpenIdMetadata) {
  nlohmann::json c = vectors::Case("maa-openid-metadata");
  const nlohmann::json real =
      nlohmann::json::parse(RecordedBody(c["evidence"], c["metadata_location"]));
  auto edit = [&](auto change) {
    nlohmann::json doc = real;
    change(doc);
    return doc.dump();
  };
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "maa openid metadata: not a JSON object"},
      {edit([](auto& j) { j.erase("issuer"); }), "maa openid metadata: \"issuer\" missing"},
      {edit([](auto& j) { j["jwks_uri"] = 1; }), "maa openid metadata: \"jwks_uri\" missing"},
      {edit([](auto& j) { j["jwks_uri"] = "https://attacker.example/certs"; }),
       "maa openid metadata: \"jwks_uri\" \"https://attacker.example/certs\" is not the issuer's"},
      {edit([](auto& j) { j["revocation_endpoint"] = nullptr; }),
       "maa openid metadata: \"revocation_endpoint\" missing"},
      {edit([](auto& j) { j["response_types_supported"] = nlohmann::json::array(); }),
       "maa openid metadata: \"response_types_supported\" missing or not a non-empty array"},
      {edit([](auto& j) { j.erase("id_token_signing_alg_values_supported"); }),
       "maa openid metadata: \"id_token_signing_alg_values_supported\" missing"},
      {edit([](auto& j) { j["claims_supported"][3] = false; }),
       "maa openid metadata: \"claims_supported\"[3] is not a string"},
  };
  for (const auto& [doc, error] : cases) {
    Result<MaaOpenIdMetadata> metadata = ParseMaaOpenIdMetadata(doc);
    ASSERT_FALSE(metadata.ok()) << error;
    EXPECT_EQ(metadata.status().code(), StatusCode::kInvalidArgument) << metadata.status();
    EXPECT_TRUE(metadata.status().message().starts_with(error))
        << metadata.status() << "\nwant " << error;
  }
  Result<MaaOpenIdMetadata> without_optional = ParseMaaOpenIdMetadata(edit([](auto& j) {
    j.erase("revocation_endpoint");
    j.erase("claims_supported");
  }));
  ASSERT_TRUE(without_optional.ok()) << without_optional.status();
  EXPECT_FALSE(without_optional->revocation_endpoint.has_value());
  EXPECT_TRUE(without_optional->claims_supported.empty());
}

// Tokens minted by a test key, for what the real token cannot show: the claims MAA always
// issues, and the validity of the signing certificate.
class MaaMintedTokenTest : public testing::Test {
 protected:
  static constexpr int64_t kNow = 1654041600;  // 2022-06-01T00:00:00Z
  static constexpr int64_t kDay = 86400;

  static const crypto::PrivateKey& Key() {
    static const crypto::PrivateKey key = *crypto::PrivateKey::GenerateRsa(2048);
    return key;
  }

  // A JWKS holding the test key with kid "test", in a self-signed certificate valid
  // [not_before, not_after].
  static MaaSigningKeys Keys(int64_t not_before, int64_t not_after) {
    crypto::CertificateBuilder builder;
    builder.SetSubject({{"CN", "https://test.attest.example"}})
        .SetValidity(not_before, not_after)
        .SetPublicKey(Key().public_key());
    Result<crypto::Certificate> certificate = builder.Sign(Key(), nullptr);
    EXPECT_TRUE(certificate.ok()) << certificate.status();
    nlohmann::json jwk = {{"kid", "test"},
                          {"kty", "RSA"},
                          {"x5c", nlohmann::json::array({Base64Encode(certificate->ToDer())})}};
    Result<MaaSigningKeys> keys =
        ParseMaaJwks(nlohmann::json{{"keys", nlohmann::json::array({jwk})}}.dump());
    EXPECT_TRUE(keys.ok()) << keys.status();
    return *keys;
  }

  static nlohmann::json Claims() {
    return {{"iss", "https://test.attest.example"},
            {"x-ms-attestation-type", "sevsnpvm"},
            {"iat", kNow - 60},
            {"nbf", kNow - 60},
            {"exp", kNow + 3600}};
  }

  static std::string Mint(const nlohmann::json& claims) {
    Result<std::string> token =
        crypto::JwtSign(Key(), crypto::JwsAlgorithm::kRs256, {{"kid", "test"}}, claims);
    EXPECT_TRUE(token.ok()) << token.status();
    return *token;
  }

  MaaSigningKeys keys_ = Keys(kNow - kDay, kNow + kDay);
};

TEST_F(MaaMintedTokenTest, Verifies) {
  Result<VerifiedMaaToken> verified = VerifyMaaToken(Mint(Claims()), keys_, kNow);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(verified->attestation_type, "sevsnpvm");
  EXPECT_EQ(verified->kid, "test");
  EXPECT_EQ(verified->header["typ"], "JWT");
  EXPECT_EQ(ToVerified(*verified).trust_anchor, "maa:https://test.attest.example");
}

TEST_F(MaaMintedTokenTest, RequiredClaimsAreParse) {
  for (const char* name : {"exp", "iss", "x-ms-attestation-type"}) {
    nlohmann::json claims = Claims();
    claims.erase(name);
    Result<VerifiedMaaToken> verified = VerifyMaaToken(Mint(claims), keys_, kNow);
    EXPECT_EQ(FailedCheck(verified.status()), check::kParse) << name;
    EXPECT_NE(verified.status().message().find(name), std::string::npos) << verified.status();
  }
  nlohmann::json claims = Claims();
  claims["exp"] = "tomorrow";
  EXPECT_EQ(FailedCheck(VerifyMaaToken(Mint(claims), keys_, kNow).status()), check::kParse);
  claims = Claims();
  claims["x-ms-attestation-type"] = 1;
  EXPECT_EQ(FailedCheck(VerifyMaaToken(Mint(claims), keys_, kNow).status()), check::kParse);
  Result<std::string> not_object =
      crypto::JwsSign(Key(), crypto::JwsAlgorithm::kRs256, {{"kid", "test"}}, AsBytes("[1, 2]"));
  ASSERT_TRUE(not_object.ok());
  EXPECT_EQ(FailedCheck(VerifyMaaToken(*not_object, keys_, kNow).status()), check::kParse);
}

TEST_F(MaaMintedTokenTest, SigningCertificateOutsideItsValidityIsExpired) {
  const std::string token = Mint(Claims());
  for (const MaaSigningKeys& keys :
       {Keys(kNow - 2 * kDay, kNow - kDay), Keys(kNow + kDay, kNow + 2 * kDay)}) {
    Result<VerifiedMaaToken> verified = VerifyMaaToken(token, keys, kNow);
    EXPECT_EQ(FailedCheck(verified.status()), check::kExpired) << verified.status();
    EXPECT_NE(verified.status().message().find("signing certificate"), std::string::npos);
  }
}

TEST_F(MaaMintedTokenTest, Es256IsTokenSignature) {
  crypto::PrivateKey ec = *crypto::PrivateKey::GenerateEc(crypto::KeyType::kEcP256);
  Result<std::string> token =
      crypto::JwtSign(ec, crypto::JwsAlgorithm::kEs256, {{"kid", "test"}}, Claims());
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(FailedCheck(VerifyMaaToken(*token, keys_, kNow).status()), check::kTokenSignature);
}

}  // namespace
}  // namespace confidant::verify
