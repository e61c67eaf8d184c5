// Fuzzes MAA JWKS and OpenID metadata parsing and token verification. The input is also read as
// "<token>\n<JWKS>", so a seed holding a real token and its JWKS reaches every check.

#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "common/encoding.h"
#include "crypto/key.h"
#include "verify/maa_token.h"

namespace {

constexpr int64_t kNow = 1654041600;  // 2022-06-01T00:00:00Z, inside the seed token's window

// A JWKS with one fixed RSA key (kid "fuzz") given as n and e.
const confidant::verify::MaaSigningKeys& FixedKeys() {
  static const confidant::verify::MaaSigningKeys keys = [] {
    confidant::crypto::PrivateKey key = *confidant::crypto::PrivateKey::GenerateRsa(2048);
    nlohmann::json jwk = {
        {"kid", "fuzz"},
        {"kty", "RSA"},
        {"n", confidant::Base64UrlEncode(*key.public_key().RsaModulus())},
        {"e", confidant::Base64UrlEncode(*key.public_key().RsaExponent())},
    };
    return *confidant::verify::ParseMaaJwks(
        nlohmann::json{{"keys", nlohmann::json::array({jwk})}}.dump());
  }();
  return keys;
}

void Verify(std::string_view token, const confidant::verify::MaaSigningKeys& keys) {
  confidant::Result<confidant::verify::VerifiedMaaToken> verified =
      confidant::verify::VerifyMaaToken(token, keys, kNow);
  if (verified.ok()) {
    confidant::verify::Verified result = confidant::verify::ToVerified(*verified);
    if (result.attestation_type.empty() || keys.Find(verified->kid) == nullptr) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)confidant::verify::ParseMaaJwks(text);
  (void)confidant::verify::ParseMaaOpenIdMetadata(text);
  size_t newline = text.find('\n');
  std::string_view token = text.substr(0, newline);
  Verify(token, FixedKeys());
  if (newline != std::string_view::npos) {
    confidant::Result<confidant::verify::MaaSigningKeys> keys =
        confidant::verify::ParseMaaJwks(text.substr(newline + 1));
    if (keys.ok()) Verify(token, *keys);
  }
  return 0;
}
