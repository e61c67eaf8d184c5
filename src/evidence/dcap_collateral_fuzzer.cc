// Fuzzes every DCAP collateral reader: the input is tried as TCB info, as an enclave identity, as
// a dcap-qvl collateral file and as a PCS response.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "evidence/dcap_collateral.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace ev = confidant::evidence;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  confidant::Result<ev::TcbInfo> info = ev::ParseTcbInfo(text);
  if (info.ok() && info->levels.empty()) std::abort();
  confidant::Result<ev::EnclaveIdentity> identity = ev::ParseEnclaveIdentity(text);
  if (identity.ok() && identity->levels.empty()) std::abort();
  (void)ev::ParseQuoteCollateralJson(text);
  for (std::string_view key : {"tcbInfo", "enclaveIdentity"}) {
    confidant::Result<ev::SignedJson> signed_json = ev::ParsePcsSignedResponse(text, key);
    if (signed_json.ok() && text.find(signed_json->text) == std::string_view::npos) std::abort();
  }
  return 0;
}
