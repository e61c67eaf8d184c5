// Fuzzes the TPM evidence document and the TPM structures and event log it carries.

#include <cstdint>
#include <string_view>

#include "evidence/event_log.h"
#include "evidence/tpm_evidence.h"
#include "evidence/tpm_quote.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace ev = confidant::evidence;
  confidant::Result<ev::TpmEvidence> e =
      ev::ParseTpmEvidence(std::string_view(reinterpret_cast<const char*>(data), size));
  if (e.ok()) {
    (void)ev::ParseTpmPublic(e->ak_public);
    (void)ev::ParseTpmQuote(e->quote);
    (void)ev::ParseTpmSignature(e->signature);
    (void)ev::ParseEventLog(e->event_log);
  }
  return 0;
}
