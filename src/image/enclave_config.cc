#include "image/enclave_config.h"

#include <charconv>
#include <set>
#include <string>

#include "common/encoding.h"

namespace confidant::image {
namespace {

std::string_view Trim(std::string_view s) {
  size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(" \t\r");
  return s.substr(begin, end - begin + 1);
}

std::string Bad(std::string_view key, std::string_view value, std::string_view why) {
  return "bad value for '" + std::string(key) + "': " + std::string(value) + " (" +
         std::string(why) + ")";
}

// Unsigned decimal in [min, max]; the error text (without file:line) on failure.
Result<uint64_t> ParseNumber(std::string_view key, std::string_view value, uint64_t min,
                             uint64_t max) {
  std::string range = "must be " + std::to_string(min) + ".." + std::to_string(max);
  uint64_t n = 0;
  const char* end = value.data() + value.size();
  if (value.empty() || value[0] < '0' || value[0] > '9') {
    return InvalidArgumentError(Bad(key, value, "not an unsigned decimal number"));
  }
  auto [ptr, ec] = std::from_chars(value.data(), end, n, 10);
  if (ec == std::errc::result_out_of_range) return InvalidArgumentError(Bad(key, value, range));
  if (ec != std::errc() || ptr != end) {
    return InvalidArgumentError(Bad(key, value, "not an unsigned decimal number"));
  }
  if (n < min || n > max) return InvalidArgumentError(Bad(key, value, range));
  return n;
}

Result<bool> ParseBool(std::string_view key, std::string_view value) {
  if (value == "0") return false;
  if (value == "1") return true;
  return InvalidArgumentError(Bad(key, value, "must be 0 or 1"));
}

// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", bytes in textual order.
Result<std::array<uint8_t, 16>> ParseUuid(std::string_view key, std::string_view value) {
  constexpr std::string_view kWhy = "not a UUID xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
  if (value.size() != 36) return InvalidArgumentError(Bad(key, value, kWhy));
  std::string hex;
  for (size_t i = 0; i < value.size(); ++i) {
    bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_position != (value[i] == '-')) return InvalidArgumentError(Bad(key, value, kWhy));
    if (!dash_position) hex.push_back(value[i]);
  }
  Result<Bytes> bytes = HexDecode(hex);
  if (!bytes.ok()) return InvalidArgumentError(Bad(key, value, kWhy));
  std::array<uint8_t, 16> out{};
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

using Setter = Status (*)(EnclaveConfig&, std::string_view key, std::string_view value);

struct KeyHandler {
  std::string_view key;
  Setter set;
};

// One entry per key OE's oesign accepts.
constexpr KeyHandler kHandlers[] = {
    {"Debug",
     [](EnclaveConfig& c, std::string_view k, std::string_view v) -> Status {
       ASSIGN_OR_RETURN(c.debug, ParseBool(k, v));
       return OkStatus();
     }},
    {"NumHeapPages",
     [](EnclaveConfig& c, std::string_view k, std::string_view v) -> Status {
       ASSIGN_OR_RETURN(c.num_heap_pages, ParseNumber(k, v, 1, kMaxHeapPages));
       return OkStatus();
     }},
    {"NumStackPages",
     [](EnclaveConfig& c, std::string_view k, std::string_view v) -> Status {
       ASSIGN_OR_RETURN(c.num_stack_pages, ParseNumber(k, v, 1, kMaxStackPages));
       return OkStatus();
     }},
    {"NumTCS",
     [](EnclaveConfig& c, std::string_view k, std::string_view v) -> Status {
       ASSIGN_OR_RETURN(c.num_tcs, ParseNumber(k, v, 1, kMaxTcs));
       return OkStatus();
     }},
    {"ProductID",
     [](EnclaveConfig& c, std::string_view k, std::string_view v) -> Status {
       ASSIGN_OR_RETURN(uint64_t n, ParseNumber(k, v, 0, UINT16_MAX));
       c.product_id = static_cast<uint16_t>(n);
       return OkStatus();
     }},
    {"SecurityVersion",
     [](EnclaveConfig& c, std::string_view k, std::string_view v) -> Status {
       ASSIGN_OR_RETURN(uint64_t n, ParseNumber(k, v, 0, UINT16_MAX));
       c.security_version = static_cast<uint16_t>(n);
       return OkStatus();
     }},
    {"FamilyID",
     [](EnclaveConfig& c, std::string_view k, std::string_view v) -> Status {
       ASSIGN_OR_RETURN(c.family_id, ParseUuid(k, v));
       return OkStatus();
     }},
    {"ExtendedProductID",
     [](EnclaveConfig& c, std::string_view k, std::string_view v) -> Status {
       ASSIGN_OR_RETURN(c.extended_product_id, ParseUuid(k, v));
       return OkStatus();
     }},
    {"CapturePFGPExceptions",
     [](EnclaveConfig& c, std::string_view k, std::string_view v) -> Status {
       ASSIGN_OR_RETURN(c.capture_pf_gp_exceptions, ParseBool(k, v));
       return OkStatus();
     }},
    {"CreateZeroBaseEnclave",
     [](EnclaveConfig& c, std::string_view k, std::string_view v) -> Status {
       ASSIGN_OR_RETURN(c.create_zero_base_enclave, ParseBool(k, v));
       return OkStatus();
     }},
    {"StartAddress",
     [](EnclaveConfig& c, std::string_view k, std::string_view v) -> Status {
       ASSIGN_OR_RETURN(uint64_t n, ParseNumber(k, v, 0, UINT64_MAX));
       if (n % kPageSize != 0) return InvalidArgumentError(Bad(k, v, "not page-aligned"));
       c.start_address = n;
       return OkStatus();
     }},
};

const KeyHandler* FindHandler(std::string_view key) {
  for (const KeyHandler& handler : kHandlers) {
    if (handler.key == key) return &handler;
  }
  return nullptr;
}

}  // namespace

Result<EnclaveConfig> ParseEnclaveConfig(std::string_view text, std::string_view name) {
  EnclaveConfig config;
  std::set<std::string_view> seen;
  size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    size_t newline = text.find('\n');
    std::string_view line = Trim(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    if (line.empty() || line[0] == '#') continue;

    std::string where = std::string(name) + ":" + std::to_string(line_number) + ": ";
    size_t equals = line.find('=');
    if (equals == std::string_view::npos) {
      return InvalidArgumentError(where + "expected Key=Value");
    }
    std::string_view key = Trim(line.substr(0, equals));
    std::string_view value = Trim(line.substr(equals + 1));
    if (key.empty()) return InvalidArgumentError(where + "missing key before '='");
    const KeyHandler* handler = FindHandler(key);
    if (handler == nullptr) {
      return InvalidArgumentError(where + "unknown key '" + std::string(key) + "'");
    }
    if (!seen.insert(handler->key).second) {
      return InvalidArgumentError(where + "duplicate key '" + std::string(key) + "'");
    }
    if (value.empty()) {
      return InvalidArgumentError(where + "missing value for '" + std::string(key) + "'");
    }
    RETURN_IF_ERROR(
        handler->set(config, key, value).WithContext(where.substr(0, where.size() - 2)));
  }
  if (config.start_address.has_value() && !config.create_zero_base_enclave) {
    return InvalidArgumentError(std::string(name) +
                                ": StartAddress requires CreateZeroBaseEnclave=1");
  }
  return config;
}

}  // namespace confidant::image
