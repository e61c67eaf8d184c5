#include "crypto/jws.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/encoding.h"
#include "crypto/jwk.h"

namespace confidant::crypto {
namespace {

constexpr JwsAlgorithm kAll[] = {JwsAlgorithm::kRs256, JwsAlgorithm::kEs256, JwsAlgorithm::kEs384};

// RFC 7515 appendix A.3.
constexpr char kRfcEs256[] =
    "eyJhbGciOiJFUzI1NiJ9"
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlf"
    "Q"
    ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
// RFC 7515 appendix A.2 (RS256) and its public key.
constexpr char kRfcRs256[] =
    "eyJhbGciOiJSUzI1NiJ9"
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlf"
    "Q"
    ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_"
    "O8W2Fp5jujGbds9"
    "uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_"
    "nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_"
    "eSN9383LcOLn6_dO--xi12jzDwusC-"
    "eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5A"
    "XLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
constexpr char kRfcRsaModulus[] =
    "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-"
    "4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-"
    "yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-"
    "bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-"
    "KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-"
    "DWNmoudF8NAco9_"
    "h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
// RFC 7515 appendix A.5 (unsecured).
constexpr char kRfcUnsecured[] =
    "eyJhbGciOiJub25lIn0"
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlf"
    "Q"
    ".";

PublicKey RfcEcKey() {
  return *PublicKeyFromJwk({{"kty", "EC"},
                            {"crv", "P-256"},
                            {"x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"},
                            {"y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}});
}

TEST(JwsTest, VerifiesRfc7515Es256Example) {
  Result<VerifiedJws> jws = JwsVerify(kRfcEs256, RfcEcKey(), kAll);
  ASSERT_TRUE(jws.ok()) << jws.status();
  EXPECT_EQ(jws->alg, JwsAlgorithm::kEs256);
  EXPECT_EQ(ToString(jws->payload),
            "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}");
  // The token expired in 2011.
  Result<nlohmann::json> jwt = JwtVerify(kRfcEs256, RfcEcKey(), kAll, 1300819379);
  ASSERT_TRUE(jwt.ok()) << jwt.status();
  EXPECT_EQ((*jwt)["iss"], "joe");
  Result<nlohmann::json> late = JwtVerify(kRfcEs256, RfcEcKey(), kAll, 1300819380);
  EXPECT_EQ(late.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(late.status().message().find("\"exp\""), std::string_view::npos);
  EXPECT_TRUE(JwtVerify(kRfcEs256, RfcEcKey(), kAll, 1300819390, /*leeway_seconds=*/60).ok());
}

TEST(JwsTest, VerifiesRfc7515Rs256Example) {
  PublicKey key = *PublicKeyFromJwk({{"kty", "RSA"}, {"n", kRfcRsaModulus}, {"e", "AQAB"}});
  Result<VerifiedJws> jws = JwsVerify(kRfcRs256, key, kAll);
  ASSERT_TRUE(jws.ok()) << jws.status();
  EXPECT_EQ(jws->alg, JwsAlgorithm::kRs256);
  EXPECT_EQ(JwsVerify(kRfcRs256, RfcEcKey(), kAll).status().code(), StatusCode::kInvalidArgument);
  std::string tampered = kRfcRs256;
  tampered[30] = tampered[30] == 'A' ? 'B' : 'A';  // inside the payload
  EXPECT_EQ(JwsVerify(tampered, key, kAll).status().code(), StatusCode::kUnauthenticated);
}

TEST(JwsTest, RefusesUnsecuredTokens) {
  Result<VerifiedJws> jws = JwsVerify(kRfcUnsecured, RfcEcKey(), kAll);
  EXPECT_EQ(jws.status().code(), StatusCode::kInvalidArgument);  // empty signature segment
  std::string with_sig = std::string(kRfcUnsecured) + "AAAA";
  jws = JwsVerify(with_sig, RfcEcKey(), kAll);
  EXPECT_EQ(jws.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(jws.status().message().find("none"), std::string_view::npos) << jws.status();
}

TEST(JwsTest, SignsAndVerifiesEveryAlgorithm) {
  struct Case {
    JwsAlgorithm alg;
    PrivateKey key;
  };
  std::vector<Case> cases = {{JwsAlgorithm::kRs256, *PrivateKey::GenerateRsa(2048)},
                             {JwsAlgorithm::kEs256, *PrivateKey::GenerateEc(KeyType::kEcP256)},
                             {JwsAlgorithm::kEs384, *PrivateKey::GenerateEc(KeyType::kEcP384)}};
  for (const Case& c : cases) {
    nlohmann::json claims = {{"x-ms-sgx-mrenclave", "00"}, {"exp", 2000}, {"nbf", 1000}};
    Result<std::string> token = JwtSign(c.key, c.alg, {{"kid", "k1"}}, claims);
    ASSERT_TRUE(token.ok()) << token.status();
    Result<nlohmann::json> header = JwsDecodeHeaderUnverified(*token);
    EXPECT_EQ((*header)["kid"], "k1");
    EXPECT_EQ((*header)["typ"], "JWT");
    EXPECT_EQ((*header)["alg"], JwsAlgorithmName(c.alg));
    Result<nlohmann::json> verified = JwtVerify(*token, c.key.public_key(), kAll, 1500);
    ASSERT_TRUE(verified.ok()) << verified.status();
    EXPECT_EQ(*verified, claims);
    EXPECT_NE(JwtVerify(*token, c.key.public_key(), kAll, 999).status().message().find("nbf"),
              std::string_view::npos);
    // Only the algorithm the caller allows.
    JwsAlgorithm other =
        c.alg == JwsAlgorithm::kRs256 ? JwsAlgorithm::kEs256 : JwsAlgorithm::kRs256;
    EXPECT_EQ(JwsVerify(*token, c.key.public_key(), std::vector{other}).status().code(),
              StatusCode::kUnauthenticated);
    // A flipped signature bit.
    std::string tampered = *token;
    tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
    EXPECT_EQ(JwsVerify(tampered, c.key.public_key(), kAll).status().code(),
              StatusCode::kUnauthenticated);
  }
}

TEST(JwsTest, RejectsKeyAlgorithmMismatch) {
  PrivateKey p384 = *PrivateKey::GenerateEc(KeyType::kEcP384);
  EXPECT_EQ(JwsSign(p384, JwsAlgorithm::kEs256, {}, AsBytes("x")).status().code(),
            StatusCode::kInvalidArgument);
  // An ES256 token presented with an RSA key: rejected before any signature math.
  PrivateKey rsa = *PrivateKey::GenerateRsa(2048);
  Result<VerifiedJws> r = JwsVerify(kRfcEs256, rsa.public_key(), kAll);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("ES256 needs an EC P-256 key"), std::string_view::npos);
  r = JwsVerify(kRfcEs256, p384.public_key(), kAll);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

std::string Segment(const std::string& json) { return Base64UrlEncode(AsBytes(json)); }

TEST(JwsTest, RejectsMalformedTokens) {
  const std::string payload = Segment("{}");
  const std::string sig = "AAAA";
  struct Bad {
    std::string token;
    std::string fragment;
  };
  const Bad cases[] = {
      {"", "three segments"},
      {"a.b", "three segments"},
      {"a.b.c.d", "three segments"},
      {"." + payload + "." + sig, "empty header"},
      {Segment("{\"alg\":\"ES256\"}") + "." + payload + ".", "empty signature"},
      {Segment("[1]") + "." + payload + "." + sig, "not a JSON object"},
      {Segment("{\"alg\":") + "." + payload + "." + sig, "not a JSON object"},
      {Segment("{\"typ\":\"JWT\"}") + "." + payload + "." + sig, "no \"alg\""},
      {Segment("{\"alg\":\"ES256\",\"crit\":[\"x\"],\"x\":1}") + "." + payload + "." + sig, "crit"},
      {Segment("{\"alg\":\"ES256\"}") + "." + payload + "." + "AAA=", "padded"},
      {Segment("{\"alg\":\"ES256\"}") + "." + payload + "." + "A+A/", "invalid character"},
      {Segment("{\"alg\":\"ES256\"}") + "." + payload + "." + sig, "raw signature of 3 bytes"},
      {"e30=." + payload + "." + sig, "padded"},
  };
  for (const Bad& c : cases) {
    Result<VerifiedJws> r = JwsVerify(c.token, RfcEcKey(), kAll);
    ASSERT_FALSE(r.ok()) << c.token;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.token << ": " << r.status();
    EXPECT_NE(r.status().message().find(c.fragment), std::string_view::npos)
        << c.token << ": " << r.status();
  }
  Result<VerifiedJws> hs =
      JwsVerify(Segment("{\"alg\":\"HS256\"}") + "." + payload + "." + sig, RfcEcKey(), kAll);
  EXPECT_EQ(hs.status().code(), StatusCode::kUnauthenticated);
}

TEST(JwsTest, JwtPayloadMustBeAnObjectWithNumericDates) {
  PrivateKey key = *PrivateKey::GenerateEc(KeyType::kEcP256);
  std::string not_object = *JwsSign(key, JwsAlgorithm::kEs256, {}, AsBytes("[1,2]"));
  EXPECT_NE(
      JwtVerify(not_object, key.public_key(), kAll, 0).status().message().find("not a JSON object"),
      std::string_view::npos);
  std::string string_exp = *JwtSign(key, JwsAlgorithm::kEs256, {}, {{"exp", "tomorrow"}});
  EXPECT_EQ(JwtVerify(string_exp, key.public_key(), kAll, 0).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(JwtSign(key, JwsAlgorithm::kEs256, {}, nlohmann::json::array()).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace confidant::crypto
