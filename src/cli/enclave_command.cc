#include "cli/commands.h"

namespace confidant::cli {

void AddEnclaveCommand(CLI::App& app, Commands& /*commands*/) {
  AddPlannedGroup(app, "enclave",
                  "Enclave images: EDL code generation, signing, MRENCLAVE measurement, "
                  "inspection, running an enclave on the sw backend");
}

}  // namespace confidant::cli
