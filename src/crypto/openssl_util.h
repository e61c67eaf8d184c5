// Internal to src/crypto: owning handles for OpenSSL objects and conversion of OpenSSL's error
// queue into a Status. Nothing outside src/crypto includes this header.

#ifndef CONFIDANT_CRYPTO_OPENSSL_UTIL_H_
#define CONFIDANT_CRYPTO_OPENSSL_UTIL_H_

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/bytes.h"
#include "common/result.h"
#include "common/status.h"
#include "crypto/hash_algorithm.h"
#include "crypto/key.h"

namespace confidant::crypto::internal {

template <auto Fn>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    Fn(p);
  }
};

using UniqueBio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using UniqueBn = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using UniqueBnCtx = std::unique_ptr<BN_CTX, Deleter<BN_CTX_free>>;
using UniqueCipherCtx = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX_free>>;
using UniqueCipher = std::unique_ptr<EVP_CIPHER, Deleter<EVP_CIPHER_free>>;
using UniqueMdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using UniqueMac = std::unique_ptr<EVP_MAC, Deleter<EVP_MAC_free>>;
using UniqueMacCtx = std::unique_ptr<EVP_MAC_CTX, Deleter<EVP_MAC_CTX_free>>;
using UniqueKdf = std::unique_ptr<EVP_KDF, Deleter<EVP_KDF_free>>;
using UniqueKdfCtx = std::unique_ptr<EVP_KDF_CTX, Deleter<EVP_KDF_CTX_free>>;
using UniqueParamBld = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using UniqueParams = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;
using UniquePkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using UniquePkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using UniqueX509 = std::unique_ptr<X509, Deleter<X509_free>>;
using UniqueX509Crl = std::unique_ptr<X509_CRL, Deleter<X509_CRL_free>>;
using UniqueX509Store = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using UniqueX509StoreCtx = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;

// The bytes written to a memory BIO, as a string.
std::string BioContents(BIO* bio);
// A distinguished name on one line, RFC 2253 order ("CN=...,O=...,C=US").
std::string NameToString(const X509_NAME* name);

// OpenSSL's digest for `alg`: fetched once and kept for the life of the process (never null, never
// freed), so digest operations do not repeat the provider lookup on every initialization.
const EVP_MD* Md(HashAlgorithm alg);

// OpenSSL's group name of an EC curve ("prime256v1", "secp384r1"); null for RSA.
const char* EcGroupName(KeyType curve);

// The BIGNUM parameter `name` (OSSL_PKEY_PARAM_*) of `key`, big-endian: left-padded to `pad_to`
// bytes, or of minimal length when `pad_to` is 0. Internal if the key lacks the parameter or it
// is longer than `pad_to`.
Result<Bytes> BnParam(const EVP_PKEY* key, const char* name, size_t pad_to);

// Drains OpenSSL's thread-local error queue and returns `code` with "what: <openssl reasons>".
// Always call it (or ClearOpenSslErrors) after an OpenSSL failure so stale errors do not leak
// into the next message.
Status OpenSslError(StatusCode code, std::string_view what);
inline Status OpenSslInternal(std::string_view what) {
  return OpenSslError(StatusCode::kInternal, what);
}
void ClearOpenSslErrors();

// For OpenSSL calls that fail only when memory or the default provider is gone, under APIs that
// (like operator new) do not return an error: prints `what` with OpenSSL's reasons and aborts.
[[noreturn]] void DieOnOpenSslFailure(std::string_view what);

// True when `a` and `b` share memory without starting at the same address. OpenSSL's ciphers
// work in place or on disjoint buffers, not on buffers that overlap at an offset.
bool OverlapsPartially(ByteSpan a, ByteSpan b);

}  // namespace confidant::crypto::internal

#endif  // CONFIDANT_CRYPTO_OPENSSL_UTIL_H_
