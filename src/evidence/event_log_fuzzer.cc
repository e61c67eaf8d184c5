// Fuzzes event log parsing and replay, UEFI variable data, and the input as one variable.

#include <cstdint>

#include "evidence/event_log.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  confidant::Result<confidant::evidence::EventLog> log =
      confidant::evidence::ParseEventLog(confidant::ByteSpan(data, size));
  (void)confidant::evidence::ParseUefiVariable(confidant::ByteSpan(data, size));
  if (!log.ok()) return 0;
  for (const confidant::evidence::SpecIdAlgorithm& a : log->algorithms) {
    (void)confidant::evidence::ReplayEventLog(*log, a.algorithm);
    (void)confidant::evidence::SecureBootEnabled(*log, a.algorithm);
  }
  return 0;
}
