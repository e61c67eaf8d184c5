#include "common/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "common/time.h"

namespace confidant {
namespace {

constexpr std::array<std::pair<std::string_view, spdlog::level::level_enum>, 7> kLevels = {{
    {"trace", spdlog::level::trace},
    {"debug", spdlog::level::debug},
    {"info", spdlog::level::info},
    {"warn", spdlog::level::warn},
    {"error", spdlog::level::err},
    {"critical", spdlog::level::critical},
    {"off", spdlog::level::off},
}};

// One JSON object per line; nlohmann escapes the message.
class JsonLineFormatter : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    Timestamp ts = std::chrono::time_point_cast<std::chrono::microseconds>(msg.time);
    nlohmann::ordered_json line = {
        {"ts", FormatRfc3339(ts, /*with_fraction=*/true)},
        {"level", std::string(spdlog::level::to_string_view(msg.level).data(),
                              spdlog::level::to_string_view(msg.level).size())},
        {"msg", std::string(msg.payload.data(), msg.payload.size())},
    };
    std::string text =
        line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonLineFormatter>();
  }
};

Status Install(const LogOptions& options, spdlog::sink_ptr sink) {
  const auto* found = std::find_if(kLevels.begin(), kLevels.end(),
                                   [&](const auto& entry) { return entry.first == options.level; });
  if (found == kLevels.end()) {
    return InvalidArgumentError("log level \"" + options.level +
                                "\" is not one of trace, debug, info, warn, error, critical, off");
  }
  if (options.json) {
    sink->set_formatter(std::make_unique<JsonLineFormatter>());
  } else {
    sink->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        "%Y-%m-%dT%H:%M:%S.%fZ %l %v", spdlog::pattern_time_type::utc));
  }
  auto logger = std::make_shared<spdlog::logger>("confidant", std::move(sink));
  logger->set_level(found->second);
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(std::move(logger));
  return OkStatus();
}

}  // namespace

bool IsValidLogLevel(std::string_view level) {
  return std::any_of(kLevels.begin(), kLevels.end(),
                     [&](const auto& entry) { return entry.first == level; });
}

Status InitLogging(const LogOptions& options) {
  return Install(options, std::make_shared<spdlog::sinks::stderr_sink_mt>());
}

Status InitLoggingToStream(const LogOptions& options, std::ostream& out) {
  return Install(options, std::make_shared<spdlog::sinks::ostream_sink_mt>(out, true));
}

}  // namespace confidant
