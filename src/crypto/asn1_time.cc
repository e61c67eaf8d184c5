#include "crypto/asn1_time.h"

#include <chrono>
#include <ctime>

namespace confidant::crypto::internal {

int64_t Asn1TimeToUnix(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return 0;
  std::chrono::year_month_day ymd{std::chrono::year(tm.tm_year + 1900),
                                  std::chrono::month(static_cast<unsigned>(tm.tm_mon + 1)),
                                  std::chrono::day(static_cast<unsigned>(tm.tm_mday))};
  auto seconds = std::chrono::sys_days(ymd).time_since_epoch() + std::chrono::hours(tm.tm_hour) +
                 std::chrono::minutes(tm.tm_min) + std::chrono::seconds(tm.tm_sec);
  return std::chrono::duration_cast<std::chrono::seconds>(seconds).count();
}

}  // namespace confidant::crypto::internal
