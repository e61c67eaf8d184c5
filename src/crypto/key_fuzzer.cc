// Fuzzes public and private key import from DER and PEM.

#include <cstdint>
#include <string_view>

#include "crypto/key.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  confidant::ByteSpan bytes(data, size);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  confidant::Result<confidant::crypto::PublicKey> pub =
      confidant::crypto::PublicKey::FromDer(bytes);
  if (pub.ok()) (void)pub->ToDer();
  (void)confidant::crypto::PublicKey::FromPem(text);
  (void)confidant::crypto::PrivateKey::FromDer(bytes);
  (void)confidant::crypto::PrivateKey::FromPem(text);
  return 0;
}
