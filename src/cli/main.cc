// The `confidant` command. Everything but the process boundary is in src/cli/app.h.

#include <iostream>

#include "cli/app.h"

int main(int argc, char** argv) {
  confidant::cli::Cli cli;
  return cli.Run(std::span<const char* const>(argv, static_cast<size_t>(argc)), std::cout,
                 std::cerr);
}
