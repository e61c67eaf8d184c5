// Fuzzes certificate parsing and the walk of custom extensions with DerReader.

#include <cstdint>
#include <optional>

#include "crypto/certificate.h"
#include "crypto/der.h"

namespace {

void Walk(confidant::crypto::DerReader& r, int depth) {
  while (!r.empty()) {
    confidant::Result<confidant::crypto::DerElement> e = r.Next();
    if (!e.ok()) return;
    if (e->constructed && depth < 16) {
      confidant::crypto::DerReader inner(e->contents, "fuzz");
      Walk(inner, depth + 1);
    } else if (e->tag == confidant::crypto::kDerOid) {
      confidant::crypto::DerReader one(e->encoding, "fuzz");
      (void)one.ReadOid();
    } else if (e->tag == confidant::crypto::kDerInteger) {
      confidant::crypto::DerReader one(e->encoding, "fuzz");
      (void)one.ReadInteger();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  confidant::ByteSpan bytes(data, size);
  // The raw input as an extension value, and as a certificate.
  confidant::crypto::DerReader raw(bytes, "fuzz");
  Walk(raw, 0);
  confidant::Result<confidant::crypto::Certificate> cert =
      confidant::crypto::Certificate::FromDer(bytes);
  if (!cert.ok()) return 0;
  (void)cert->subject();
  (void)cert->SubjectCommonName();
  (void)cert->serial_hex();
  (void)cert->public_key();
  (void)cert->IsSelfSigned();
  for (const char* oid : {"1.2.840.113741.1.13.1", "1.3.6.1.4.1.3704.1.3.1", "2.5.29.19"}) {
    confidant::Result<std::optional<confidant::Bytes>> value = cert->ExtensionValue(oid);
    if (value.ok() && value->has_value()) {
      confidant::crypto::DerReader r(**value, "fuzz");
      Walk(r, 0);
    }
  }
  return 0;
}
