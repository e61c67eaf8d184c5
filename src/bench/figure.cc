#include "bench/figure.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <utility>

namespace confidant::bench {
namespace {

bool Positive(double x) { return std::isfinite(x) && x > 0; }

std::string FormatNumber(double x, int precision) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(precision) << x;
  return out.str();
}

}  // namespace

bool HigherIsBetter(std::string_view unit) { return unit.ends_with("/s"); }

Figure MakeFigure(std::string name, double value, std::string unit, double floor,
                  std::string floor_name) {
  double ratio = 0;
  if (Positive(value) && Positive(floor)) {
    ratio = HigherIsBetter(unit) ? value / floor : floor / value;
  }
  return Figure{std::move(name), value, std::move(unit), floor, std::move(floor_name), ratio};
}

nlohmann::ordered_json FiguresToJson(const std::vector<Figure>& figures) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Figure& f : figures) {
    out.push_back({{"name", f.name},
                   {"value", f.value},
                   {"unit", f.unit},
                   {"floor", f.floor},
                   {"floor_name", f.floor_name},
                   {"ratio", f.ratio}});
  }
  return out;
}

std::string FormatFigureTable(const std::vector<Figure>& figures) {
  using Row = std::array<std::string, 6>;
  std::vector<Row> rows = {{"name", "value", "unit", "floor", "floor_name", "ratio"}};
  for (const Figure& f : figures) {
    rows.push_back({f.name, FormatNumber(f.value, 1), f.unit, FormatNumber(f.floor, 1),
                    f.floor_name, FormatNumber(f.ratio, 2)});
  }
  std::array<size_t, 6> width = {};
  for (const Row& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  // Numbers align right, text left.
  constexpr std::array<bool, 6> kRightAligned = {false, true, false, true, false, true};
  std::ostringstream out;
  for (const Row& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out << "  ";
      out << (kRightAligned[c] ? std::right : std::left);
      // The last column is right-aligned, so padding never trails.
      out << std::setw(static_cast<int>(width[c])) << row[c];
    }
    out << '\n';
  }
  return out.str();
}

}  // namespace confidant::bench
