// Test fixture: an ordinary shared object, without confidant_enclave_ecall_table.

__attribute__((visibility("default"))) int fixture_answer(void) { return 42; }
