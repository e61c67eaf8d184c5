#include "channel/platform_protocol.h"

#include <cstdio>

namespace confidant::channel {

nlohmann::json StatusToJson(const Status& status) {
  if (status.ok()) return {{"ok", true}};
  return {{"ok", false},
          {"error",
           {{"code", std::string(StatusCodeName(status.code()))},
            {"message", std::string(status.message())}}}};
}

StatusCode StatusCodeFromName(std::string_view name) {
  for (int code = 1; code <= static_cast<int>(StatusCode::kUnauthenticated); ++code) {
    if (StatusCodeName(static_cast<StatusCode>(code)) == name) return static_cast<StatusCode>(code);
  }
  return StatusCode::kUnknown;
}

Result<std::string> StringField(const nlohmann::json& message, const char* key) {
  auto it = message.find(key);
  if (it == message.end() || !it->is_string()) {
    return InvalidArgumentError(std::string("platform message: \"") + key + "\" is not a string");
  }
  return it->get<std::string>();
}

Result<uint64_t> NumberField(const nlohmann::json& message, const char* key) {
  auto it = message.find(key);
  if (it == message.end() || !it->is_number_integer() ||
      (!it->is_number_unsigned() && it->get<int64_t>() < 0)) {
    return InvalidArgumentError(std::string("platform message: \"") + key +
                                "\" is not an unsigned number");
  }
  return it->get<uint64_t>();
}

std::string Hex64(uint64_t value) {
  char text[17];
  snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(value));
  return text;
}

Result<uint64_t> ParseHex64(const nlohmann::json& message, const char* key) {
  ASSIGN_OR_RETURN(std::string text, StringField(message, key));
  if (text.empty() || text.size() > 16) {
    return InvalidArgumentError(std::string("platform message: \"") + key + "\" is not hex");
  }
  uint64_t value = 0;
  for (char c : text) {
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (digit < 0) {
      return InvalidArgumentError(std::string("platform message: \"") + key + "\" is not hex");
    }
    value = value << 4 | static_cast<uint64_t>(digit);
  }
  return value;
}

Status StatusFromJson(const nlohmann::json& reply) {
  auto ok = reply.find("ok");
  if (ok != reply.end() && ok->is_boolean() && ok->get<bool>()) return OkStatus();
  auto error = reply.find("error");
  if (error == reply.end() || !error->is_object()) {
    return UnknownError("platformd sent an unreadable reply");
  }
  std::string code = StringField(*error, "code").value_or("");
  std::string message = StringField(*error, "message").value_or("");
  StatusCode status_code = StatusCodeFromName(code);
  return Status(status_code, message.empty() ? "platformd gave no reason" : message);
}

}  // namespace confidant::channel
