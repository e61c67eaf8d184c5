// confidant-enclave-runner: the enclave process. platformd starts it; see runner/runner.h.

#include <cstdio>
#include <string>
#include <vector>

#include "runner/runner.h"

#if defined(__SANITIZE_ADDRESS__)
// In a sanitizer build the enclave process runs inside the same sandbox as always, so the
// sanitizer must not catch fatal signals: its report reads /proc (a forbidden system call), and
// the crash would be reported as that. With these, a crash ends the process with its signal.
extern "C" const char* __asan_default_options() {
  return "handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:handle_abort=0";
}
#endif

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
