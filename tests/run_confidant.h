// Runs the built `confidant` binary (CONFIDANT_BINARY) in a shell and captures what it printed.

#ifndef CONFIDANT_TESTS_RUN_CONFIDANT_H_
#define CONFIDANT_TESTS_RUN_CONFIDANT_H_

#include <string>

namespace confidant::testing {

struct Outcome {
  int exit_code = -1;  // -1 if the process did not exit normally
  std::string out;
  std::string err;
};

// Runs `confidant <args>`; `args` is shell text, so quote anything unusual. `env` (shell
// assignments such as "TSS2_LOG=all+WARNING") is set for the run.
Outcome RunConfidant(const std::string& args, const std::string& env = "");

}  // namespace confidant::testing

#endif  // CONFIDANT_TESTS_RUN_CONFIDANT_H_
