// The enclave API: what code inside a Confidant enclave can do besides computing
// (docs/enclave-runtime.md). Enclave code makes no system calls of its own: files, sockets,
// processes and printing go through ocalls to the host, and a forbidden system call stops the
// enclave (the host gets ABORTED naming it).
//
// Memory: enclave memory is the enclave process's own; host memory is the shared region the
// host and the enclave both map (call messages, HostMalloc). Pointers from the host are never
// trusted: generated bridges copy [in] data into enclave memory before checking it.
//
// Thread-safety: every function may be called from any enclave thread.

#ifndef CONFIDANT_ENCLAVE_H_
#define CONFIDANT_ENCLAVE_H_

#define CONFIDANT_ENCLAVE_SIDE 1

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "confidant/abi.h"
#include "confidant/status.h"

namespace confidant::enclave {

// True when all of [data, data + size) is enclave memory: not null, no overflow, no byte in host
// memory.
bool IsWithinEnclave(const void* data, size_t size);
// True when all of [data, data + size) is host memory the enclave can see (the shared region).
bool IsOutsideEnclave(const void* data, size_t size);

// Host memory, visible to the host at the same address: for [user_check] buffers and for data
// the enclave means to hand out. Null when the host heap (EnclaveSettings::host_heap_size) is
// exhausted. HostFree(nullptr) does nothing.
void* HostMalloc(size_t size);
void* HostCalloc(size_t count, size_t size);
void* HostRealloc(void* data, size_t size);
char* HostStrndup(const char* text, size_t max_length);
void HostFree(void* data);

// Cryptographically secure random bytes (the kernel's generator).
Status RandomBytes(void* data, size_t size);

// Writes `text` to the host's standard output (or standard error) through an ocall.
Status Print(std::string_view text);
Status PrintError(std::string_view text);
Status Printf(const char* format, ...) __attribute__((format(printf, 1, 2)));

// Stops the enclave: every later call from the host fails with ABORTED carrying `reason`.
[[noreturn]] void Abort(std::string_view reason);

}  // namespace confidant::enclave

#endif  // CONFIDANT_ENCLAVE_H_
