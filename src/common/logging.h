// Logging: a thin layer over spdlog. One process-wide logger writes to stderr, as text for people
// or as JSON lines for services (one object per line: {"ts","level","msg"}).
//
//   RETURN_IF_ERROR(InitLogging({.level = "info", .json = false}));
//   LOG_INFO("enclave {} created with {} TCS", id, tcs);
//
// Thread-safe: the logger may be used from any thread; call InitLogging before starting threads.

#ifndef CONFIDANT_COMMON_LOGGING_H_
#define CONFIDANT_COMMON_LOGGING_H_

#include <spdlog/spdlog.h>

#include <ostream>
#include <string>

#include "common/status.h"

namespace confidant {

struct LogOptions {
  std::string level = "info";  // trace, debug, info, warn, error, critical, off
  bool json = false;           // JSON lines instead of text
};

// Configures the process logger to write to stderr. InvalidArgument for an unknown level.
Status InitLogging(const LogOptions& options);

// As InitLogging, writing to `out` instead (for tests). `out` must outlive later logging.
Status InitLoggingToStream(const LogOptions& options, std::ostream& out);

// True if `level` names a level InitLogging accepts.
bool IsValidLogLevel(std::string_view level);

}  // namespace confidant

#define LOG_TRACE(...) ::spdlog::trace(__VA_ARGS__)
#define LOG_DEBUG(...) ::spdlog::debug(__VA_ARGS__)
#define LOG_INFO(...) ::spdlog::info(__VA_ARGS__)
#define LOG_WARN(...) ::spdlog::warn(__VA_ARGS__)
#define LOG_ERROR(...) ::spdlog::error(__VA_ARGS__)

#endif  // CONFIDANT_COMMON_LOGGING_H_
