#include "cli/commands.h"

#include <utility>

namespace confidant::cli {

void Commands::SetAction(const CLI::App* command, Action action) {
  actions_[command] = std::move(action);
}

const Action* Commands::Find(const CLI::App* command) const {
  auto it = actions_.find(command);
  return it == actions_.end() ? nullptr : &it->second;
}

void AddPlannedGroup(CLI::App& app, const std::string& name, const std::string& description) {
  CLI::App* group = app.add_subcommand(name, description);
  group->footer("No " + name + " subcommands exist yet; later releases add them.");
}

}  // namespace confidant::cli
