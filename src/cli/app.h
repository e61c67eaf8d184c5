// The `confidant` command line: global options (--version, --json, --log-level), the command
// groups (src/cli/commands.h) and the conventions of docs/cli.md (output, errors, exit codes).
//
// Not thread-safe. Run may be called more than once (tests do); each call parses afresh.

#ifndef CONFIDANT_CLI_APP_H_
#define CONFIDANT_CLI_APP_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <span>
#include <string>

#include "cli/commands.h"

namespace confidant::cli {

class Cli {
 public:
  // Builds the whole command tree, including one `bench` subcommand per registered benchmark.
  Cli();

  // Parses `args` (args[0] is the program name) and runs the selected command, printing results
  // to `out` and diagnostics to `err`. Returns the process exit code: kExitOk, kExitFailure when
  // the command fails, kExitUsage for a wrong command line.
  int Run(std::span<const char* const> args, std::ostream& out, std::ostream& err);

 private:
  int ReportUsageError(const CLI::ParseError& error, const Output& output);

  std::unique_ptr<CLI::App> app_;
  Commands commands_;
  bool version_ = false;
  bool json_ = false;
  std::string log_level_ = "warn";
};

// "confidant <version>" and the OpenSSL runtime version, one per line.
std::string VersionText();

}  // namespace confidant::cli

#endif  // CONFIDANT_CLI_APP_H_
