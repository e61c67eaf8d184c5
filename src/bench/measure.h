// Measurement for `confidant bench`: how many times per second an operation runs, in wall time
// (std::chrono::steady_clock), and the same for ours and a floor interleaved so that drift on a
// shared machine (frequency scaling, busy neighbours) affects both sides alike.
//
// Operations are batches: the callable runs the measured step `iterations` times in a row, so
// the clock and std::function overheads are paid once per batch, not per step, and a floor can be
// a tight loop with nothing of ours in it. Not thread-safe; measurements run one at a time.

#ifndef CONFIDANT_BENCH_MEASURE_H_
#define CONFIDANT_BENCH_MEASURE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "common/result.h"

namespace confidant::bench {

struct MeasureOptions {
  // Wall time each single measurement runs for, at least (`--min-time`).
  std::chrono::duration<double> min_time{0.5};
  // How many measurements of each side; the median is reported (`--repetitions`).
  int repetitions = 1;
};

// Runs the measured step `iterations` times. An error ends the measurement and is returned.
using BatchOperation = std::function<Status(uint64_t iterations)>;

// Steps per second of `op`. After one untimed warm-up step, runs batches that double in size
// until they take a sixteenth of `min_time`, then keeps that size until `min_time` has passed.
// InvalidArgument if min_time is not positive; op's error if it fails.
Result<double> MeasureRate(const BatchOperation& op, std::chrono::duration<double> min_time);

struct PairedRates {
  double ours = 0;   // steps per second, median over repetitions
  double floor = 0;  // steps per second, median over repetitions
};

// Measures `ours` and `floor` alternately (ours, floor, ours, floor, ...) options.repetitions
// times each and returns the median rate of each side. InvalidArgument for bad options.
Result<PairedRates> MeasureAgainstFloor(const BatchOperation& ours, const BatchOperation& floor,
                                        const MeasureOptions& options);

// The median (the mean of the middle two for an even count). REQUIRES: !values.empty().
double Median(std::vector<double> values);

}  // namespace confidant::bench

#endif  // CONFIDANT_BENCH_MEASURE_H_
