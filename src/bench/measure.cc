#include "bench/measure.h"

#include <algorithm>
#include <string>

namespace confidant::bench {

using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

Result<double> MeasureRate(const BatchOperation& op, Seconds min_time) {
  if (!(min_time.count() > 0)) {
    return InvalidArgumentError("bench: minimum time " + std::to_string(min_time.count()) +
                                " s is not positive");
  }
  RETURN_IF_ERROR(op(1));  // warm-up: caches, lazy initialisation, and a first error check

  const Seconds grow_until = min_time / 16;
  uint64_t batch = 1;
  uint64_t steps = 0;
  const Clock::time_point start = Clock::now();
  Seconds elapsed{0};
  while (elapsed < min_time) {
    RETURN_IF_ERROR(op(batch));
    steps += batch;
    const Seconds before = elapsed;
    elapsed = Clock::now() - start;
    if (elapsed - before < grow_until) batch *= 2;
  }
  return static_cast<double>(steps) / elapsed.count();
}

Result<PairedRates> MeasureAgainstFloor(const BatchOperation& ours, const BatchOperation& floor,
                                        const MeasureOptions& options) {
  if (options.repetitions < 1) {
    return InvalidArgumentError("bench: repetitions " + std::to_string(options.repetitions) +
                                " must be at least 1");
  }
  std::vector<double> ours_rates;
  std::vector<double> floor_rates;
  for (int i = 0; i < options.repetitions; ++i) {
    ASSIGN_OR_RETURN(double ours_rate, MeasureRate(ours, options.min_time));
    ASSIGN_OR_RETURN(double floor_rate, MeasureRate(floor, options.min_time));
    ours_rates.push_back(ours_rate);
    floor_rates.push_back(floor_rate);
  }
  return PairedRates{Median(std::move(ours_rates)), Median(std::move(floor_rates))};
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace confidant::bench
