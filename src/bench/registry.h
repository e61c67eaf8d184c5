// The benchmarks behind `confidant bench NAME`. A benchmark is one .cc file in src/bench that
// registers itself at static initialisation:
//
//   const BenchRegistration kRegistration({"crypto", "AES-GCM/XTS and signature verification "
//                                          "against OpenSSL's EVP API", &RunCryptoBench});
//
// The CLI makes one subcommand per registered benchmark (src/cli/bench_command.cc); the library is
// linked whole-archive so these otherwise unreferenced objects are kept.
//
// Thread-safety: registration happens before main(); afterwards the registry is only read.

#ifndef CONFIDANT_BENCH_REGISTRY_H_
#define CONFIDANT_BENCH_REGISTRY_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bench/figure.h"
#include "bench/measure.h"
#include "common/result.h"

namespace confidant::bench {

// Measures and returns the benchmark's figures; an error aborts the whole benchmark.
using BenchFunction = std::function<Result<std::vector<Figure>>(const MeasureOptions&)>;

struct Bench {
  std::string name;         // the subcommand: lowercase letters, digits and '-'
  std::string description;  // one line for --help and `bench list`
  BenchFunction run;
};

class BenchRegistry {
 public:
  // The process-wide registry that BenchRegistration fills.
  static BenchRegistry& Global();

  // REQUIRES: a valid, new name other than "list" (reserved for `bench list`) and a callable.
  // A violation is a programming error found at startup: it prints the reason and aborts.
  void Add(Bench bench);

  // nullptr if no benchmark has this name.
  const Bench* Find(std::string_view name) const;

  // All benchmarks, sorted by name.
  std::vector<const Bench*> List() const;

 private:
  std::map<std::string, Bench, std::less<>> benches_;
};

// Adds `bench` to BenchRegistry::Global() when constructed (at static initialisation).
class BenchRegistration {
 public:
  explicit BenchRegistration(Bench bench);
};

}  // namespace confidant::bench

#endif  // CONFIDANT_BENCH_REGISTRY_H_
