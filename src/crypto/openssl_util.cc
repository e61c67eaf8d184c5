#include "crypto/openssl_util.h"

#include <openssl/err.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace confidant::crypto::internal {

namespace {

// Falls back to OpenSSL's built-in object, which fetches on every use, should the provider lookup
// fail at startup; the operation itself then reports the problem.
const EVP_MD* FetchMd(const char* name, const EVP_MD* fallback) {
  const EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) {
    ClearOpenSslErrors();
    return fallback;
  }
  return md;
}

}  // namespace

const EVP_MD* Md(HashAlgorithm alg) {
  // Function-local statics: fetched on first use, thread-safe, deliberately never freed.
  switch (alg) {
    case HashAlgorithm::kSha1: {
      static const EVP_MD* const md = FetchMd("SHA1", EVP_sha1());
      return md;
    }
    case HashAlgorithm::kSha256: {
      static const EVP_MD* const md = FetchMd("SHA2-256", EVP_sha256());
      return md;
    }
    case HashAlgorithm::kSha384: {
      static const EVP_MD* const md = FetchMd("SHA2-384", EVP_sha384());
      return md;
    }
    case HashAlgorithm::kSha512: {
      static const EVP_MD* const md = FetchMd("SHA2-512", EVP_sha512());
      return md;
    }
  }
  return EVP_sha256();
}

const char* EcGroupName(KeyType curve) {
  switch (curve) {
    case KeyType::kEcP256:
      return "prime256v1";
    case KeyType::kEcP384:
      return "secp384r1";
    case KeyType::kRsa:
      return nullptr;
  }
  return nullptr;
}

Result<Bytes> BnParam(const EVP_PKEY* key, const char* name, size_t pad_to) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) {
    return OpenSslInternal(std::string("key: read parameter ") + name);
  }
  UniqueBn bn(raw);
  Bytes out(pad_to > 0 ? pad_to : static_cast<size_t>(BN_num_bytes(bn.get())));
  if (BN_bn2binpad(bn.get(), out.data(), static_cast<int>(out.size())) < 0) {
    return OpenSslInternal(std::string("key: parameter ") + name + " too large");
  }
  return out;
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);  // NOLINT(google-runtime-int): OpenSSL's type
  return len > 0 ? std::string(data, static_cast<size_t>(len)) : std::string();
}

std::string NameToString(const X509_NAME* name) {
  UniqueBio bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) return "";
  return BioContents(bio.get());
}

Status OpenSslError(StatusCode code, std::string_view what) {
  std::string message(what);
  bool first = true;
  unsigned long err;  // NOLINT(google-runtime-int): OpenSSL's type
  while ((err = ERR_get_error()) != 0) {
    char buf[256];
    ERR_error_string_n(err, buf, sizeof(buf));
    message += first ? " (" : "; ";
    message += buf;
    first = false;
  }
  if (!first) message += ")";
  return Status(code, message);
}

void ClearOpenSslErrors() { ERR_clear_error(); }

void DieOnOpenSslFailure(std::string_view what) {
  Status status = OpenSslInternal(what);
  std::fprintf(stderr, "confidant: %s\n", status.ToString().c_str());
  std::abort();
}

bool OverlapsPartially(ByteSpan a, ByteSpan b) {
  if (a.empty() || b.empty()) return false;
  // Compared as integers: relational operators on pointers into different objects are unspecified.
  auto a_begin = reinterpret_cast<uintptr_t>(a.data());
  auto b_begin = reinterpret_cast<uintptr_t>(b.data());
  return a_begin != b_begin && a_begin < b_begin + b.size() && b_begin < a_begin + a.size();
}

}  // namespace confidant::crypto::internal
