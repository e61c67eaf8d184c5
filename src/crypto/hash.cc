#include "crypto/hash.h"

#include "crypto/openssl_util.h"

namespace confidant::crypto {

using internal::DieOnOpenSslFailure;
using internal::Md;

Bytes Digest(HashAlgorithm alg, ByteSpan data) {
  Bytes out(DigestSize(alg));
  // EVP_Digest allocates a context per call, which is what a one-shot call needs anyway.
  if (EVP_Digest(data.data(), data.size(), out.data(), nullptr, Md(alg), nullptr) != 1) {
    DieOnOpenSslFailure("EVP_Digest");
  }
  return out;
}

Bytes Sha256(ByteSpan data) { return Digest(HashAlgorithm::kSha256, data); }
Bytes Sha384(ByteSpan data) { return Digest(HashAlgorithm::kSha384, data); }
Bytes Sha512(ByteSpan data) { return Digest(HashAlgorithm::kSha512, data); }

Hasher Hasher::Create(HashAlgorithm alg) {
  CtxPtr ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex2(ctx.get(), Md(alg), nullptr) != 1) {
    DieOnOpenSslFailure("hasher: EVP_DigestInit_ex2");
  }
  return Hasher(alg, std::move(ctx));
}

void Hasher::Update(ByteSpan data) {
  if (EVP_DigestUpdate(ctx_.get(), data.data(), data.size()) != 1) {
    DieOnOpenSslFailure("hasher: EVP_DigestUpdate");
  }
}

Bytes Hasher::Finish() {
  Bytes out(DigestSize(alg_));
  // Init with a null type restarts with the digest already set, reusing the provider context.
  if (EVP_DigestFinal_ex(ctx_.get(), out.data(), nullptr) != 1 ||
      EVP_DigestInit_ex2(ctx_.get(), nullptr, nullptr) != 1) {
    DieOnOpenSslFailure("hasher: EVP_DigestFinal_ex");
  }
  return out;
}

}  // namespace confidant::crypto
