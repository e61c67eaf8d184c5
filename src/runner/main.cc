// confidant-enclave-runner: the enclave process. platformd starts it; see runner/runner.h.

#include <cstdio>
#include <string>
#include <vector>

#include "runner/runner.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto options = confidant::runner::ParseRunnerOptions(args);
  if (!options.ok()) {
    std::fprintf(stderr, "confidant-enclave-runner: %s\n",
                 std::string(options.status().message()).c_str());
    std::fprintf(stderr,
                 "This program is started by confidant-platformd; it is not run by hand.\n");
    return 64;
  }
  confidant::Status status = confidant::runner::Run(*options);
  std::fprintf(stderr, "confidant-enclave-runner: %s\n", status.ToString().c_str());
  return 65;
}
