// Test fixture: the smallest enclave-shaped image. It exports the ecall table accessor
// (include/confidant/abi.h) and an entry point, and has no writable data of its own.

struct FixtureTable {
  const char* name;
};

static const struct FixtureTable kTable = {"minimal"};

__attribute__((visibility("default"))) const struct FixtureTable* confidant_enclave_ecall_table(
    void) {
  return &kTable;
}

__attribute__((visibility("default"))) void confidant_enclave_entry(void) {
  for (;;) {
  }
}
