// Fuzzes JWS/JWT verification and JWK import with arbitrary input and fixed keys.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "crypto/jwk.h"
#include "crypto/jws.h"

namespace {

const confidant::crypto::PrivateKey& Key() {
  static const confidant::crypto::PrivateKey key =
      *confidant::crypto::PrivateKey::GenerateEc(confidant::crypto::KeyType::kEcP256);
  return key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using confidant::crypto::JwsAlgorithm;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  constexpr JwsAlgorithm kAll[] = {JwsAlgorithm::kRs256, JwsAlgorithm::kEs256,
                                   JwsAlgorithm::kEs384};
  (void)confidant::crypto::JwsDecodeHeaderUnverified(text);
  (void)confidant::crypto::JwsVerify(text, Key().public_key(), kAll);
  (void)confidant::crypto::JwtVerify(text, Key().public_key(), kAll, 1700000000, 60);
  nlohmann::json jwk = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!jwk.is_discarded()) {
    (void)confidant::crypto::PublicKeyFromJwk(jwk);
    (void)confidant::crypto::PrivateKeyFromJwk(jwk);
  }
  return 0;
}
