#include "common/time.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace confidant {
namespace {

using std::chrono::microseconds;
using std::chrono::seconds;

int64_t Unix(std::string_view text) {
  Result<Timestamp> t = ParseRfc3339(text);
  EXPECT_TRUE(t.ok()) << text << ": " << t.status();
  return t.ok() ? ToUnixSeconds(*t) : 0;
}

// RFC 3339 section 5.8 examples.
TEST(Rfc3339Test, ParsesRfcExamples) {
  EXPECT_EQ(Unix("1985-04-12T23:20:50.52Z"), 482196050);
  EXPECT_EQ(ParseRfc3339("1985-04-12T23:20:50.52Z")->time_since_epoch(),
            microseconds(482196050520000));
  // 1996-12-19T16:39:57-08:00 is 1996-12-20T00:39:57Z.
  EXPECT_EQ(Unix("1996-12-19T16:39:57-08:00"), Unix("1996-12-20T00:39:57Z"));
  EXPECT_EQ(Unix("1990-12-31T23:59:60Z"), Unix("1990-12-31T23:59:59Z"));
  EXPECT_EQ(Unix("1990-12-31T15:59:60-08:00"), Unix("1990-12-31T23:59:59Z"));
  EXPECT_EQ(Unix("1937-01-01T12:00:27.87+00:20"), Unix("1937-01-01T11:40:27Z"));
}

TEST(Rfc3339Test, AcceptsLowercaseAndEdges) {
  EXPECT_EQ(Unix("1970-01-01t00:00:00z"), 0);
  EXPECT_EQ(Unix("2024-02-29T00:00:00Z"), 1709164800);
  EXPECT_EQ(Unix("2000-02-29T00:00:00+23:59"), Unix("1999-02-28T00:01:00Z") + 365 * 86400);
  EXPECT_TRUE(ParseRfc3339("0000-01-01T00:00:00Z").ok());
  EXPECT_TRUE(ParseRfc3339("9999-12-31T23:59:59.999999999Z").ok());
}

TEST(Rfc3339Test, LeapSecondSortsBeforeNextMinute) {
  Timestamp leap = *ParseRfc3339("2016-12-31T23:59:60Z");
  Timestamp next = *ParseRfc3339("2017-01-01T00:00:00Z");
  EXPECT_LT(leap, next);
  EXPECT_GT(leap, *ParseRfc3339("2016-12-31T23:59:59.5Z"));
}

TEST(Rfc3339Test, FractionIsTruncatedToMicroseconds) {
  Timestamp t = *ParseRfc3339("2020-01-01T00:00:00.123456789Z");
  EXPECT_EQ(FormatRfc3339(t, true), "2020-01-01T00:00:00.123456Z");
}

TEST(Rfc3339Test, Formats) {
  EXPECT_EQ(FormatRfc3339(FromUnixSeconds(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(*ParseRfc3339("2024-05-21T10:18:42+02:00")), "2024-05-21T08:18:42Z");
  EXPECT_EQ(FormatRfc3339(FromUnixSeconds(-1)), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatRfc3339(*ParseRfc3339("9999-12-31T23:59:59Z")), "9999-12-31T23:59:59Z");
  EXPECT_EQ(FormatRfc3339(FromUnixSeconds(1) + microseconds(5), true),
            "1970-01-01T00:00:01.000005Z");
}

struct BadCase {
  const char* text;
  const char* what;
};

TEST(Rfc3339Test, RejectsMalformed) {
  const BadCase cases[] = {
      {"", "malformed full-date"},
      {"2023-02-29T00:00:00Z", "no such date"},
      {"2024-02-30T00:00:00Z", "no such date"},
      {"2024-13-01T00:00:00Z", "no such date"},
      {"2024-00-01T00:00:00Z", "no such date"},
      {"2024-01-00T00:00:00Z", "no such date"},
      {"2024-01-01T24:00:00Z", "time out of range"},
      {"2024-01-01T23:60:00Z", "time out of range"},
      {"2024-01-01T23:59:61Z", "time out of range"},
      {"2024-01-01T00:00:00", "missing time zone offset"},
      {"2024-01-01 00:00:00Z", "missing 'T'"},
      {"2024-01-01T00:00:00.Z", "empty fraction"},
      {"2024-01-01T00:00:00.1234567890Z", "more than 9 fraction digits"},
      {"2024-01-01T00:00:00Zjunk", "trailing characters"},
      {"2024-01-01T00:00:00+0100", "malformed offset"},
      {"2024-01-01T00:00:00+24:00", "offset out of range"},
      {"2024-01-01T00:00:00+01:60", "offset out of range"},
      {"24-01-01T00:00:00Z", "malformed full-date"},
      {"2024-1-01T00:00:00Z", "malformed full-date"},
      {"2024-01-01T0:00:00Z", "malformed partial-time"},
      {"+2024-01-01T00:00:00Z", "malformed full-date"},
  };
  for (const BadCase& c : cases) {
    Result<Timestamp> t = ParseRfc3339(c.text);
    ASSERT_FALSE(t.ok()) << c.text;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_NE(t.status().message().find(c.what), std::string_view::npos)
        << c.text << ": " << t.status();
  }
}

TEST(ClockTest, FakeClockIsSettableAndThreadSafe) {
  FakeClock clock(FromUnixSeconds(100));
  EXPECT_EQ(ToUnixSeconds(clock.Now()), 100);
  std::thread a([&] {
    for (int i = 0; i < 1000; ++i) clock.Advance(seconds(1));
  });
  std::thread b([&] {
    for (int i = 0; i < 1000; ++i) clock.Advance(seconds(1));
  });
  a.join();
  b.join();
  EXPECT_EQ(ToUnixSeconds(clock.Now()), 2100);
  clock.Set(FromUnixSeconds(5));
  EXPECT_EQ(ToUnixSeconds(clock.Now()), 5);
}

TEST(ClockTest, SystemClockIsPlausible) {
  int64_t now = ToUnixSeconds(SystemClock().Now());
  EXPECT_GT(now, 1704067200);  // 2024-01-01
}

}  // namespace
}  // namespace confidant
