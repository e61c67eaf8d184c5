// The enclave half of helloworld: one ecall that makes one ocall.

#include "helloworld_t.h"

void enclave_helloworld() {
  confidant::Status status = host_helloworld("Hello world from the enclave");
  if (!status.ok()) confidant::enclave::Abort(status.ToString());
}
