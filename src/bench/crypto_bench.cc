// `confidant bench crypto`: Confidant's crypto API against OpenSSL's EVP API used directly
// (src/crypto/evp_reference_loops.h), measured in the same run. The ratio is what our wrappers
// cost; docs/bench.md lists the figures.
//
// Keys are fixed byte patterns: the speed of AES does not depend on key values, and signature
// keys are generated fresh.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "bench/figure.h"
#include "bench/measure.h"
#include "bench/registry.h"
#include "common/logging.h"
#include "crypto/aes_gcm.h"
#include "crypto/aes_xts.h"
#include "crypto/evp_reference_loops.h"
#include "crypto/key.h"
#include "crypto/signature.h"

namespace confidant::bench {
namespace {

using crypto::HashAlgorithm;

constexpr size_t kSmall = 4 * 1024;
constexpr size_t kLarge = 1024 * 1024;
constexpr std::string_view kCipherFloor = "OpenSSL EVP, reused ctx";
constexpr std::string_view kVerifyFloor = "OpenSSL EVP_DigestVerify";

Bytes Pattern(size_t size, uint8_t seed) {
  Bytes out(size);
  for (size_t i = 0; i < size; ++i) out[i] = static_cast<uint8_t>(seed + i);
  return out;
}

std::string SizeName(size_t size) {
  return size >= kLarge ? std::to_string(size / kLarge) + "MiB"
                        : std::to_string(size / 1024) + "KiB";
}

Figure Throughput(std::string name, size_t bytes_per_step, const PairedRates& rates,
                  std::string_view floor_name) {
  const double scale = static_cast<double>(bytes_per_step) / 1e6;
  return MakeFigure(std::move(name), rates.ours * scale, std::string(kMegabytesPerSecond),
                    rates.floor * scale, std::string(floor_name));
}

Result<Figure> GcmSeal(size_t size, const MeasureOptions& options) {
  std::string name = "aes-256-gcm-seal-" + SizeName(size);
  LOG_DEBUG("bench crypto: measuring {}", name);
  const Bytes key = Pattern(32, 1);
  ASSIGN_OR_RETURN(crypto::AesGcm gcm, crypto::AesGcm::Create(key));
  ASSIGN_OR_RETURN(crypto::EvpAesGcmSealLoop floor_loop, crypto::EvpAesGcmSealLoop::Create(key));
  const Bytes plaintext = Pattern(size, 2);
  Bytes ciphertext(size);
  Bytes tag(crypto::AesGcm::kTagSize);
  Bytes iv(crypto::AesGcm::kIvSize);
  uint64_t counter = 0;
  // Like the floor: a fresh IV per seal from a big-endian counter, no AAD.
  BatchOperation ours = [&](uint64_t iterations) -> Status {
    for (uint64_t i = 0; i < iterations; ++i, ++counter) {
      for (size_t b = 0; b < 8; ++b) {
        iv[iv.size() - 1 - b] = static_cast<uint8_t>(counter >> (8 * b));
      }
      RETURN_IF_ERROR(gcm.Seal(iv, ByteSpan(), plaintext, ciphertext, tag));
    }
    return OkStatus();
  };
  BatchOperation floor = [&](uint64_t iterations) {
    return floor_loop.Run(plaintext, ciphertext, tag, iterations);
  };
  ASSIGN_OR_RETURN(PairedRates rates, MeasureAgainstFloor(ours, floor, options));
  return Throughput(std::move(name), size, rates, kCipherFloor);
}

Result<Figure> XtsEncrypt(size_t size, const MeasureOptions& options) {
  std::string name = "aes-256-xts-encrypt-" + SizeName(size);
  LOG_DEBUG("bench crypto: measuring {}", name);
  const Bytes key = Pattern(64, 3);
  ASSIGN_OR_RETURN(crypto::AesXts xts, crypto::AesXts::Create(key));
  ASSIGN_OR_RETURN(crypto::EvpAesXtsEncryptLoop floor_loop,
                   crypto::EvpAesXtsEncryptLoop::Create(key));
  const Bytes in = Pattern(size, 4);
  Bytes out(size);
  const Bytes tweak(16, 0);  // data unit 0, rewritten over and over (XTS is deterministic)
  BatchOperation ours = [&](uint64_t iterations) -> Status {
    for (uint64_t i = 0; i < iterations; ++i) RETURN_IF_ERROR(xts.Encrypt(tweak, in, out));
    return OkStatus();
  };
  BatchOperation floor = [&](uint64_t iterations) {
    return floor_loop.Run(tweak, in, out, iterations);
  };
  ASSIGN_OR_RETURN(PairedRates rates, MeasureAgainstFloor(ours, floor, options));
  return Throughput(std::move(name), size, rates, kCipherFloor);
}

// Both sides verify the same signature (made by our signer, so the floor also cross-checks it).
// `ours` verifies with our API; the floor with EVP_DigestVerify.
Result<Figure> Verify(std::string name, const crypto::PublicKey& key, HashAlgorithm hash,
                      const Bytes& message, const Bytes& signature,
                      const std::function<Status()>& verify_once, const MeasureOptions& options) {
  BatchOperation ours = [&](uint64_t iterations) -> Status {
    for (uint64_t i = 0; i < iterations; ++i) RETURN_IF_ERROR(verify_once());
    return OkStatus();
  };
  BatchOperation floor = [&](uint64_t iterations) {
    return crypto::EvpDigestVerifyLoop(key, hash, message, signature, iterations);
  };
  ASSIGN_OR_RETURN(PairedRates rates, MeasureAgainstFloor(ours, floor, options));
  return MakeFigure(std::move(name), rates.ours, std::string(kOpsPerSecond), rates.floor,
                    std::string(kVerifyFloor));
}

Result<Figure> EcdsaVerify(crypto::KeyType curve, HashAlgorithm hash, std::string name,
                           const MeasureOptions& options) {
  LOG_DEBUG("bench crypto: measuring {}", name);
  ASSIGN_OR_RETURN(crypto::PrivateKey key, crypto::PrivateKey::GenerateEc(curve));
  const crypto::PublicKey pub = key.public_key();
  const Bytes message = Pattern(64, 5);
  ASSIGN_OR_RETURN(Bytes signature,
                   crypto::EcdsaSign(key, hash, message, crypto::EcdsaFormat::kDer));
  return Verify(
      std::move(name), pub, hash, message, signature,
      [&] { return crypto::EcdsaVerify(pub, hash, message, signature, crypto::EcdsaFormat::kDer); },
      options);
}

Result<Figure> RsaVerify(const MeasureOptions& options) {
  std::string name = "rsa-3072-pkcs1-sha256-verify";
  LOG_DEBUG("bench crypto: measuring {}", name);
  ASSIGN_OR_RETURN(crypto::PrivateKey key, crypto::PrivateKey::GenerateRsa(3072));
  const crypto::PublicKey pub = key.public_key();
  const Bytes message = Pattern(64, 6);
  ASSIGN_OR_RETURN(Bytes signature, crypto::RsaSign(key, crypto::RsaPadding::kPkcs1v15,
                                                    HashAlgorithm::kSha256, message));
  return Verify(
      std::move(name), pub, HashAlgorithm::kSha256, message, signature,
      [&] {
        return crypto::RsaVerify(pub, crypto::RsaPadding::kPkcs1v15, HashAlgorithm::kSha256,
                                 message, signature);
      },
      options);
}

Result<std::vector<Figure>> RunCryptoBench(const MeasureOptions& options) {
  std::vector<Figure> figures;
  for (size_t size : {kSmall, kLarge}) {
    ASSIGN_OR_RETURN(Figure figure, GcmSeal(size, options));
    figures.push_back(std::move(figure));
  }
  for (size_t size : {kSmall, kLarge}) {
    ASSIGN_OR_RETURN(Figure figure, XtsEncrypt(size, options));
    figures.push_back(std::move(figure));
  }
  ASSIGN_OR_RETURN(Figure p256, EcdsaVerify(crypto::KeyType::kEcP256, HashAlgorithm::kSha256,
                                            "ecdsa-p256-sha256-verify", options));
  figures.push_back(std::move(p256));
  ASSIGN_OR_RETURN(Figure p384, EcdsaVerify(crypto::KeyType::kEcP384, HashAlgorithm::kSha384,
                                            "ecdsa-p384-sha384-verify", options));
  figures.push_back(std::move(p384));
  ASSIGN_OR_RETURN(Figure rsa, RsaVerify(options));
  figures.push_back(std::move(rsa));
  return figures;
}

const BenchRegistration kRegistration({"crypto",
                                       "AES-256-GCM/XTS throughput and ECDSA/RSA verification "
                                       "against OpenSSL's EVP API in the same run",
                                       &RunCryptoBench});

}  // namespace
}  // namespace confidant::bench
