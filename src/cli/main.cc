// The `confidant` command. Everything but the process boundary is in src/cli/app.h.

#include <cstdlib>
#include <iostream>

#include "cli/app.h"

int main(int argc, char** argv) {
  // tpm2-tss's marshalling library logs every malformed TPM structure to stderr; Confidant
  // reports those as its own errors. A TSS2_LOG the user set still wins.
  ::setenv("TSS2_LOG", "all+NONE", /*overwrite=*/0);
  confidant::cli::Cli cli;
  return cli.Run(std::span<const char* const>(argv, static_cast<size_t>(argc)), std::cout,
                 std::cerr);
}
