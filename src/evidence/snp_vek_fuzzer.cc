// Fuzzes the VCEK/VLEK extension reader on whole certificates.

#include <cstdint>
#include <cstdlib>

#include "crypto/certificate.h"
#include "evidence/snp_vek.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace ev = confidant::evidence;
  confidant::Result<confidant::crypto::Certificate> cert =
      confidant::crypto::Certificate::FromDer(confidant::ByteSpan(data, size));
  if (!cert.ok()) return 0;
  confidant::Result<ev::VekExtensions> e = ev::ReadVekExtensions(*cert);
  if (!e.ok()) return 0;
  (void)e->product();
  (void)e->stepping();
  for (ev::SnpProduct p : {ev::SnpProduct::kMilan, ev::SnpProduct::kTurin}) (void)e->Tcb(p);
  if (e->MatchesChipId({})) std::abort();  // nothing matches an empty CHIP_ID
  return 0;
}
