// Test fixture: an enclave-shaped image with initialized writable data, a large .bss (so its
// writable PT_LOAD has p_memsz well past p_filesz) and thread-local data (PT_TLS). No entry point.

struct FixtureTable {
  const char* name;
};

static const struct FixtureTable kTable = {"data"};

int fixture_counter = 42;
char fixture_scratch[20000];
__thread int fixture_tls_value = 7;
__thread char fixture_tls_zero[64];

__attribute__((visibility("default"))) const struct FixtureTable* confidant_enclave_ecall_table(
    void) {
  fixture_counter += fixture_tls_value + fixture_tls_zero[0] + fixture_scratch[100];
  return &kTable;
}
