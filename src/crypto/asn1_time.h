// Internal to src/crypto: conversions between ASN1_TIME and Unix seconds.

#ifndef CONFIDANT_CRYPTO_ASN1_TIME_H_
#define CONFIDANT_CRYPTO_ASN1_TIME_H_

#include <openssl/asn1.h>

#include <cstdint>

namespace confidant::crypto::internal {

// Unix seconds of `t`; 0 for a null or unparsable time (OpenSSL validated it when parsing).
int64_t Asn1TimeToUnix(const ASN1_TIME* t);

}  // namespace confidant::crypto::internal

#endif  // CONFIDANT_CRYPTO_ASN1_TIME_H_
