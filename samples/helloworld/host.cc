// The host half of helloworld: create the enclave from its signed image, call it, print what it
// sends back. Usage: helloworld_host <enclave.signed>

#include <iostream>

#include "helloworld_u.h"

void host_helloworld(const char* message) { std::cout << message << "\n"; }

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " <enclave.signed>\n";
    return 2;
  }
  std::unique_ptr<confidant::Enclave> enclave;
  confidant::Status status = confidant_create_helloworld_enclave(argv[1], {}, &enclave);
  if (status.ok()) status = enclave_helloworld(enclave.get());
  if (status.ok()) status = enclave->Terminate();
  if (!status.ok()) {
    std::cerr << "helloworld: " << status << "\n";
    return 1;
  }
  return 0;
}
