#include "crypto/version.h"

#include <openssl/crypto.h>

namespace confidant::crypto {

std::string OpenSslVersion() { return OpenSSL_version(OPENSSL_VERSION); }

}  // namespace confidant::crypto
