// `confidant bench list` and one `confidant bench NAME` per registered benchmark
// (src/bench/registry.h).

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "bench/figure.h"
#include "bench/registry.h"
#include "cli/commands.h"

namespace confidant::cli {
namespace {

Status ListBenches(const Output& output) {
  const std::vector<const bench::Bench*> benches = bench::BenchRegistry::Global().List();
  if (output.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const bench::Bench* b : benches) {
      list.push_back({{"name", b->name}, {"description", b->description}});
    }
    PrintJson(output, list);
    return OkStatus();
  }
  size_t width = 0;
  for (const bench::Bench* b : benches) width = std::max(width, b->name.size());
  for (const bench::Bench* b : benches) {
    output.out << b->name << std::string(width - b->name.size() + 2, ' ') << b->description << '\n';
  }
  return OkStatus();
}

struct BenchSettings {
  double min_time_seconds = 0.5;
  int repetitions = 1;
};

Status RunBench(const bench::Bench& bench, const BenchSettings& settings, const Output& output) {
  bench::MeasureOptions options;
  options.min_time = std::chrono::duration<double>(settings.min_time_seconds);
  options.repetitions = settings.repetitions;
  ASSIGN_OR_RETURN(std::vector<bench::Figure> figures, bench.run(options));
  if (output.json) {
    PrintJson(output, bench::FiguresToJson(figures));
  } else {
    output.out << bench::FormatFigureTable(figures);
  }
  return OkStatus();
}

}  // namespace

void AddBenchCommand(CLI::App& app, Commands& commands) {
  CLI::App* group = app.add_subcommand(
      "bench",
      "Measure Confidant against reference implementations in the same run (docs/bench.md)");

  CLI::App* list = group->add_subcommand("list", "List the benchmarks");
  commands.SetAction(list, &ListBenches);

  for (const bench::Bench* b : bench::BenchRegistry::Global().List()) {
    CLI::App* command = group->add_subcommand(b->name, b->description);
    auto settings =
        std::make_shared<BenchSettings>();  // shared with the action, which outlives parsing
    command
        ->add_option("--min-time", settings->min_time_seconds,
                     "Seconds each measurement runs for, at least")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    command
        ->add_option("--repetitions", settings->repetitions,
                     "Measurements per side; the median is reported")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    commands.SetAction(
        command, [b, settings](const Output& output) { return RunBench(*b, *settings, output); });
  }
}

}  // namespace confidant::cli
