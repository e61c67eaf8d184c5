// The `confidant-edger8r` command; everything but the process boundary is in edger8r_cli.h.

#include <iostream>
#include <span>

#include "edl/edger8r_cli.h"

int main(int argc, char** argv) {
  return confidant::edl::RunEdger8r(std::span<const char* const>(argv, static_cast<size_t>(argc)),
                                    std::cout, std::cerr);
}
