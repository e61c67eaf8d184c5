// Figure: one result of `confidant bench NAME` — a measured value beside its floor, the same
// quantity measured for a reference implementation in the same run (docs/bench.md).
//
// The ratio is oriented so that ratio >= 1 always means "as good as the floor or better":
//   - units that end in "/s" are rates (MB/s, ops/s): higher is better, ratio = value / floor;
//   - every other unit is a cost (ns, ms, bytes...): lower is better, ratio = floor / value.
// The ratio is 0 when it is undefined (value or floor not a positive finite number).

#ifndef CONFIDANT_BENCH_FIGURE_H_
#define CONFIDANT_BENCH_FIGURE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace confidant::bench {

// Throughput in 10^6 bytes per second.
inline constexpr std::string_view kMegabytesPerSecond = "MB/s";
// Operations (calls) per second.
inline constexpr std::string_view kOpsPerSecond = "ops/s";

struct Figure {
  std::string name;        // what was measured, e.g. "aes-256-gcm-seal-4KiB"
  double value = 0;        // ours
  std::string unit;        // decides the direction of the ratio (see above)
  double floor = 0;        // the reference, same unit
  std::string floor_name;  // what the reference is, e.g. "OpenSSL EVP, reused ctx"
  double ratio = 0;        // >= 1: as good as the floor or better
};

// True for rates (the unit ends in "/s").
bool HigherIsBetter(std::string_view unit);

// A Figure with its ratio computed by the rule above.
Figure MakeFigure(std::string name, double value, std::string unit, double floor,
                  std::string floor_name);

// A JSON array of objects with exactly the keys name, value, unit, floor, floor_name, ratio (in
// that order).
nlohmann::ordered_json FiguresToJson(const std::vector<Figure>& figures);

// An aligned text table with a header row, one row per figure, ending in a newline.
std::string FormatFigureTable(const std::vector<Figure>& figures);

}  // namespace confidant::bench

#endif  // CONFIDANT_BENCH_FIGURE_H_
