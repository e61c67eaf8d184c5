#include "common/time.h"

#include <cstdio>
#include <string>

namespace confidant {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::minutes;
using std::chrono::seconds;

Status Bad(std::string_view text, std::string_view what) {
  return InvalidArgumentError("rfc3339: " + std::string(what) + " in \"" +
                              std::string(text.substr(0, 64)) + "\"");
}

// Reads exactly `n` decimal digits at `pos`.
bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool Expect(std::string_view s, size_t pos, char c) { return pos < s.size() && s[pos] == c; }

}  // namespace

Result<Timestamp> ParseRfc3339(std::string_view text) {
  int year, month, day, hour, minute, second;
  if (!Digits(text, 0, 4, year) || !Expect(text, 4, '-') || !Digits(text, 5, 2, month) ||
      !Expect(text, 7, '-') || !Digits(text, 8, 2, day)) {
    return Bad(text, "malformed full-date (want YYYY-MM-DD)");
  }
  if (!(Expect(text, 10, 'T') || Expect(text, 10, 't'))) {
    return Bad(text, "missing 'T' between date and time");
  }
  if (!Digits(text, 11, 2, hour) || !Expect(text, 13, ':') || !Digits(text, 14, 2, minute) ||
      !Expect(text, 16, ':') || !Digits(text, 17, 2, second)) {
    return Bad(text, "malformed partial-time (want hh:mm:ss)");
  }
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                  std::chrono::day(day)};
  if (!ymd.ok()) return Bad(text, "no such date");
  if (hour > 23 || minute > 59 || second > 60) return Bad(text, "time out of range");

  size_t pos = 19;
  int64_t micros = 0;
  if (Expect(text, pos, '.')) {
    ++pos;
    size_t digits = 0;
    int64_t scale = 100000;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (++digits > 9) return Bad(text, "more than 9 fraction digits");
      micros += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (digits == 0) return Bad(text, "empty fraction");
  }

  minutes offset{0};
  if (Expect(text, pos, 'Z') || Expect(text, pos, 'z')) {
    ++pos;
  } else if (Expect(text, pos, '+') || Expect(text, pos, '-')) {
    int sign = text[pos] == '-' ? -1 : 1;
    int oh, om;
    if (!Digits(text, pos + 1, 2, oh) || !Expect(text, pos + 3, ':') ||
        !Digits(text, pos + 4, 2, om)) {
      return Bad(text, "malformed offset (want +hh:mm)");
    }
    if (oh > 23 || om > 59) return Bad(text, "offset out of range");
    offset = minutes(sign * (oh * 60 + om));
    pos += 6;
  } else {
    return Bad(text, "missing time zone offset");
  }
  if (pos != text.size()) return Bad(text, "trailing characters");

  if (second == 60) {
    second = 59;
    micros = 999999;
  }
  Timestamp t = std::chrono::sys_days(ymd) + hours(hour) + minutes(minute) + seconds(second) +
                microseconds(micros);
  return t - offset;
}

std::string FormatRfc3339(Timestamp t, bool with_fraction) {
  auto day_point = std::chrono::floor<days>(t);
  std::chrono::year_month_day ymd(day_point);
  std::chrono::hh_mm_ss<microseconds> tod(t - day_point);
  char buf[40];
  int n =
      std::snprintf(buf, sizeof(buf), "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                    static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                    static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                    static_cast<int>(tod.seconds().count()));
  std::string out(buf, static_cast<size_t>(n));
  if (with_fraction) {
    std::snprintf(buf, sizeof(buf), ".%06lld", static_cast<long long>(tod.subseconds().count()));
    out += buf;
  }
  out += 'Z';
  return out;
}

namespace {
class RealClock : public Clock {
 public:
  Timestamp Now() const override {
    return std::chrono::time_point_cast<microseconds>(std::chrono::system_clock::now());
  }
};
}  // namespace

Clock& SystemClock() {
  static RealClock clock;
  return clock;
}

Timestamp FakeClock::Now() const {
  std::lock_guard<std::mutex> lock(mu_);
  return now_;
}

void FakeClock::Set(Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  now_ = now;
}

void FakeClock::Advance(std::chrono::microseconds delta) {
  std::lock_guard<std::mutex> lock(mu_);
  now_ += delta;
}

}  // namespace confidant
