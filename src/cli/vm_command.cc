#include "cli/commands.h"

namespace confidant::cli {

void AddVmCommand(CLI::App& app, Commands& /*commands*/) {
  AddPlannedGroup(app, "vm",
                  "Confidential VMs: sizes, a vTPM per VM, secure and measured boot, OS disks "
                  "encrypted before first boot, keys released only to the attested VM");
}

}  // namespace confidant::cli
