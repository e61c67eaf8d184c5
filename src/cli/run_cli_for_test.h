// Test support for src/cli tests: runs the `confidant` command tree in-process with string
// arguments and captures what it printed. Header-only so the library does not carry it.

#ifndef CONFIDANT_CLI_RUN_CLI_FOR_TEST_H_
#define CONFIDANT_CLI_RUN_CLI_FOR_TEST_H_

#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"

namespace confidant::cli {

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs `confidant <args>`.
inline Outcome RunCli(std::vector<std::string> args) {
  args.insert(args.begin(), "confidant");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  Cli cli;
  std::ostringstream out, err;
  int exit_code = cli.Run(argv, out, err);
  return {exit_code, out.str(), err.str()};
}

}  // namespace confidant::cli

#endif  // CONFIDANT_CLI_RUN_CLI_FOR_TEST_H_
