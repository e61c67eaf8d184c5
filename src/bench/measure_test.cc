#include "bench/measure.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace confidant::bench {
namespace {

using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

// Busy-waits so a step takes at least `duration` however the scheduler behaves.
void Spin(Seconds duration) {
  const Clock::time_point end =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(duration);
  while (Clock::now() < end) {
  }
}

TEST(MeasureRateTest, RunsForTheMinimumTimeAndCountsSteps) {
  uint64_t steps = 0;
  BatchOperation op = [&](uint64_t iterations) {
    for (uint64_t i = 0; i < iterations; ++i) Spin(Seconds(0.001));
    steps += iterations;
    return OkStatus();
  };
  const Clock::time_point start = Clock::now();
  Result<double> rate = MeasureRate(op, Seconds(0.05));
  const Seconds elapsed = Clock::now() - start;
  ASSERT_TRUE(rate.ok()) << rate.status();
  EXPECT_GE(elapsed.count(), 0.05);
  // Each step takes at least 1 ms, so no more than 1000 per second.
  EXPECT_LE(*rate, 1000.0);
  EXPECT_GT(*rate, 0.0);
  // The rate is timed steps (all but the warm-up) over at least 50 ms of timing.
  EXPECT_GE(static_cast<double>(steps - 1), *rate * 0.05 * (1 - 1e-9));
}

TEST(MeasureRateTest, PropagatesTheOperationsError) {
  int calls = 0;
  BatchOperation op = [&](uint64_t) {
    return ++calls == 3 ? DataLossError("step 3 broke") : OkStatus();
  };
  Result<double> rate = MeasureRate(op, Seconds(10));
  EXPECT_EQ(rate.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(calls, 3);
}

TEST(MeasureRateTest, RejectsNonPositiveMinimumTime) {
  BatchOperation op = [](uint64_t) { return OkStatus(); };
  Result<double> rate = MeasureRate(op, Seconds(0));
  EXPECT_EQ(rate.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(rate.status().message()), HasSubstr("not positive"));
}

TEST(MeasureAgainstFloorTest, InterleavesOursAndFloor) {
  std::string order;
  auto record = [&order](char side) {
    return [&order, side](uint64_t) {
      if (order.empty() || order.back() != side) order.push_back(side);
      return OkStatus();
    };
  };
  MeasureOptions options;
  options.min_time = Seconds(0.001);
  options.repetitions = 3;
  Result<PairedRates> rates = MeasureAgainstFloor(record('o'), record('f'), options);
  ASSERT_TRUE(rates.ok()) << rates.status();
  EXPECT_EQ(order, "ofofof");
  EXPECT_GT(rates->ours, 0.0);
  EXPECT_GT(rates->floor, 0.0);
}

TEST(MeasureAgainstFloorTest, SlowerSideHasLowerRate) {
  MeasureOptions options;
  options.min_time = Seconds(0.02);
  BatchOperation slow = [](uint64_t iterations) {
    for (uint64_t i = 0; i < iterations; ++i) Spin(Seconds(0.002));
    return OkStatus();
  };
  BatchOperation fast = [](uint64_t iterations) {
    for (uint64_t i = 0; i < iterations; ++i) Spin(Seconds(0.0001));
    return OkStatus();
  };
  Result<PairedRates> rates = MeasureAgainstFloor(slow, fast, options);
  ASSERT_TRUE(rates.ok()) << rates.status();
  EXPECT_LT(rates->ours, rates->floor);
}

TEST(MeasureAgainstFloorTest, RejectsZeroRepetitions) {
  BatchOperation op = [](uint64_t) { return OkStatus(); };
  MeasureOptions options;
  options.repetitions = 0;
  EXPECT_EQ(MeasureAgainstFloor(op, op, options).status().code(), StatusCode::kInvalidArgument);
}

TEST(MedianTest, OddAndEvenCounts) {
  EXPECT_EQ(Median({3, 1, 2}), 2);
  EXPECT_EQ(Median({4, 1, 3, 2}), 2.5);
  EXPECT_EQ(Median({7}), 7);
}

}  // namespace
}  // namespace confidant::bench
