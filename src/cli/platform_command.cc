#include "cli/commands.h"

namespace confidant::cli {

void AddPlatformCommand(CLI::App& app, Commands& /*commands*/) {
  AddPlannedGroup(app, "platform",
                  "The sw backend's platform daemon (confidant-platformd): node size, root "
                  "secrets, enclave launch and measurement, key derivation, quotes, EPC budget");
}

}  // namespace confidant::cli
