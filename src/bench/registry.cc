#include "bench/registry.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace confidant::bench {
namespace {

bool ValidName(std::string_view name) {
  if (name.empty() || name == "list") return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

[[noreturn]] void Die(std::string_view name, const char* reason) {
  std::fprintf(stderr, "bench registry: benchmark '%.*s' %s\n", static_cast<int>(name.size()),
               name.data(), reason);
  std::abort();
}

}  // namespace

BenchRegistry& BenchRegistry::Global() {
  static BenchRegistry registry;
  return registry;
}

void BenchRegistry::Add(Bench bench) {
  if (!ValidName(bench.name)) Die(bench.name, "has an invalid or reserved name");
  if (!bench.run) Die(bench.name, "has no function");
  if (benches_.contains(bench.name)) Die(bench.name, "is registered twice");
  std::string name = bench.name;
  benches_.emplace(std::move(name), std::move(bench));
}

const Bench* BenchRegistry::Find(std::string_view name) const {
  auto it = benches_.find(name);
  return it == benches_.end() ? nullptr : &it->second;
}

std::vector<const Bench*> BenchRegistry::List() const {
  std::vector<const Bench*> out;
  for (const auto& [name, bench] : benches_) out.push_back(&bench);
  return out;
}

BenchRegistration::BenchRegistration(Bench bench) { BenchRegistry::Global().Add(std::move(bench)); }

}  // namespace confidant::bench
