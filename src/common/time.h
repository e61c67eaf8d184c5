// Time: RFC 3339 timestamps and an injectable clock (STYLE.md 7: verification time is an input).
//
// Timestamp has microsecond resolution so the whole RFC 3339 range (years 0000-9999) fits; finer
// fractions in input are truncated toward zero. A leap second (":60") is accepted and read as the
// last representable instant of that minute (:59.999999), so ordering is kept and nothing wraps.

#ifndef CONFIDANT_COMMON_TIME_H_
#define CONFIDANT_COMMON_TIME_H_

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.h"

namespace confidant {

using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

// Strict RFC 3339 section 5.6 date-time: "2024-05-21T10:18:42Z", "...42.123+05:30". 'T'/'t' and
// 'Z'/'z' accepted; an offset is required; month, day (leap years included), hour < 24, minute <
// 60, second <= 60 and offset (<= 23:59) are validated; at most 9 fraction digits. Untrusted input:
// errors are InvalidArgument naming the part that is wrong.
Result<Timestamp> ParseRfc3339(std::string_view text);

// UTC with 'Z': "2024-05-21T10:18:42Z", or with six fraction digits when `with_fraction`.
// REQUIRES: the timestamp lies in years 0000-9999.
std::string FormatRfc3339(Timestamp t, bool with_fraction = false);

inline int64_t ToUnixSeconds(Timestamp t) {
  return std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
}
inline Timestamp FromUnixSeconds(int64_t seconds) {
  return Timestamp(std::chrono::seconds(seconds));
}

// The source of "now" for everything that checks validity periods.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

// The system's real-time clock. Thread-safe; lives for the whole process.
Clock& SystemClock();

// A clock for tests: stands still until set or advanced. Thread-safe.
class FakeClock : public Clock {
 public:
  explicit FakeClock(Timestamp now) : now_(now) {}
  Timestamp Now() const override;
  void Set(Timestamp now);
  void Advance(std::chrono::microseconds delta);

 private:
  mutable std::mutex mu_;
  Timestamp now_;  // guarded by mu_
};

}  // namespace confidant

#endif  // CONFIDANT_COMMON_TIME_H_
