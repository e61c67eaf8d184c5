#include "cli/commands.h"

namespace confidant::cli {

void AddKbsCommand(CLI::App& app, Commands& /*commands*/) {
  AddPlannedGroup(app, "kbs",
                  "The key broker: keys held in an enclave and released only to TEEs whose "
                  "attestation token satisfies the key's release policy");
}

}  // namespace confidant::cli
