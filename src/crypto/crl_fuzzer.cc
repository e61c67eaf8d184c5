// Fuzzes CRL parsing in every accepted form.

#include <cstdint>

#include "crypto/crl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  confidant::Result<confidant::crypto::Crl> crl =
      confidant::crypto::Crl::FromDerOrPem(confidant::ByteSpan(data, size));
  if (!crl.ok()) return 0;
  (void)crl->issuer();
  (void)crl->this_update();
  (void)crl->next_update();
  (void)crl->ToDer();
  return 0;
}
