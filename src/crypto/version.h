// The version of the OpenSSL library Confidant runs with, for `confidant --version` and bug
// reports.

#ifndef CONFIDANT_CRYPTO_VERSION_H_
#define CONFIDANT_CRYPTO_VERSION_H_

#include <string>

namespace confidant::crypto {

// The runtime library's version text, e.g. "OpenSSL 3.0.19 27 Jan 2026" (which can differ from the
// headers Confidant was compiled against when the shared library is upgraded). Thread-safe.
std::string OpenSslVersion();

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_VERSION_H_
