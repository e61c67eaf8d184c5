#include "verify/verification.h"

namespace confidant::verify {

Status Rejected(std::string_view kind, std::string_view check, std::string_view detail) {
  std::string message;
  message.append(kind).append(": ").append(check).append(": ").append(detail);
  return UnauthenticatedError(message);
}

Status PolicyRefused(std::string_view kind, std::string_view detail) {
  std::string message;
  message.append(kind).append(": ").append(check::kPolicy).append(": ").append(detail);
  return PermissionDeniedError(message);
}

std::string FailedCheck(const Status& status) {
  std::string_view message = status.message();
  size_t first = message.find(": ");
  if (first != std::string_view::npos && (status.code() == StatusCode::kUnauthenticated ||
                                          status.code() == StatusCode::kPermissionDenied)) {
    size_t second = message.find(": ", first + 2);
    if (second != std::string_view::npos) {
      return std::string(message.substr(first + 2, second - first - 2));
    }
  }
  return status.code() == StatusCode::kInvalidArgument ? std::string(check::kParse) : std::string();
}

nlohmann::json Verified::ToJson() const {
  nlohmann::json out = claims;
  out["x-ms-attestation-type"] = attestation_type;
  if (tcb_status) out["x-confidant-tcb-status"] = *tcb_status;
  if (tcb_status || !advisories.empty()) out["x-confidant-advisories"] = advisories;
  out["x-confidant-trust-anchor"] = trust_anchor;
  return out;
}

}  // namespace confidant::verify
