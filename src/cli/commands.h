// The command tree of `confidant`: each command group registers its subcommands on the CLI11 app
// from its own file (platform_command.cc, bench_command.cc, ...) and gives each runnable
// (leaf) command an Action. A command without an action is a group: selecting it without one of
// its subcommands is a usage error (src/cli/app.cc).

#ifndef CONFIDANT_CLI_COMMANDS_H_
#define CONFIDANT_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <string>

#include "cli/output.h"
#include "common/status.h"

namespace confidant::cli {

// Runs a command after a successful parse. A non-OK status is reported and exits with 1.
using Action = std::function<Status(const Output&)>;

class Commands {
 public:
  // Makes `command` runnable with `action`.
  void SetAction(const CLI::App* command, Action action);
  // The action of `command`, or nullptr for a group.
  const Action* Find(const CLI::App* command) const;

 private:
  std::map<const CLI::App*, Action> actions_;
};

// Adds a command group whose subcommands later releases bring: its help says what it will hold,
// and running it is a usage error. It has no placeholder subcommands.
void AddPlannedGroup(CLI::App& app, const std::string& name, const std::string& description);

// One per group, each in <group>_command.cc.
void AddPlatformCommand(CLI::App& app, Commands& commands);
void AddEnclaveCommand(CLI::App& app, Commands& commands);
void AddAttestCommand(CLI::App& app, Commands& commands);
void AddAttestdCommand(CLI::App& app, Commands& commands);
void AddKbsCommand(CLI::App& app, Commands& commands);
void AddVmCommand(CLI::App& app, Commands& commands);
void AddBenchCommand(CLI::App& app, Commands& commands);

}  // namespace confidant::cli

#endif  // CONFIDANT_CLI_COMMANDS_H_
