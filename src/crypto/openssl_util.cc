#include "crypto/openssl_util.h"

#include <openssl/err.h>

#include <string>

namespace confidant::crypto::internal {

const EVP_MD* Md(HashAlgorithm alg) {
  switch (alg) {
    case HashAlgorithm::kSha256:
      return EVP_sha256();
    case HashAlgorithm::kSha384:
      return EVP_sha384();
    case HashAlgorithm::kSha512:
      return EVP_sha512();
  }
  return EVP_sha256();
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

}  // namespace confidant::crypto::internal
