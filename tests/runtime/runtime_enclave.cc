// A test enclave with a hand-written ecall table (no EDL), so the runtime's tests
// (runtime_e2e_test.cc) do not depend on the code generator. Each ecall exercises one runtime
// behaviour: echo, ocalls, nesting, forbidden system calls, crashes, aborts, memory.

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <vector>

#include "confidant/abi.h"
#include "confidant/enclave.h"
#include "tests/runtime/runtime_ids.h"

namespace {

using confidant::Status;
using Input = std::span<const uint8_t>;
using Output = std::vector<uint8_t>;
namespace ids = confidant::runtime_test;

// Enclave data the host must never see; runtime_e2e_test searches for it.
alignas(4096) char g_secret[4096] = "CONFIDANT-ENCLAVE-SECRET-PATTERN-7f3a9c";
std::atomic<int> g_in_flight{0};
std::atomic<int> g_max_in_flight{0};

uint64_t U64(Input in, size_t offset = 0) {
  uint64_t value = 0;
  if (in.size() >= offset + 8) std::memcpy(&value, in.data() + offset, 8);
  return value;
}
void PutU64(Output& out, uint64_t value) {
  uint8_t bytes[8];
  std::memcpy(bytes, &value, 8);
  out.insert(out.end(), bytes, bytes + 8);
}

Status Echo(Input in, Output& out) {
  out.assign(in.begin(), in.end());
  return confidant::OkStatus();
}

Status CallHostEcho(Input in, Output& out) {
  return confidant::abi::CallHost(ids::kOcallEcho, 0, in, in.size(), out);
}

void* NothingThread(void*) { return nullptr; }

Status Forbidden(Input in, Output& out) {
  (void)out;
  int which = in.empty() ? 0 : in[0];
  switch (which) {
    case ids::kOpen:
      open("/etc/hostname", O_RDONLY);
      break;
    case ids::kSocket:
      socket(AF_INET, SOCK_STREAM, 0);
      break;
    case ids::kFork:
      syscall(SYS_fork);
      break;
    case ids::kExec: {
      const char* argv[] = {"/bin/true", nullptr};
      execv("/bin/true", const_cast<char* const*>(argv));
      break;
    }
    case ids::kThread: {
      pthread_t thread;
      pthread_create(&thread, nullptr, NothingThread, nullptr);
      break;
    }
    default:
      break;
  }
  return confidant::InternalError("the forbidden system call returned");
}

Status Crash(Input, Output&) {
  volatile int* null = nullptr;
  *null = 1;
  return confidant::OkStatus();
}

Status AbortCall(Input, Output&) { confidant::enclave::Abort("the test asked it to abort"); }

Status Sleep(Input in, Output&) {
  uint64_t ms = U64(in);
  timespec ts{static_cast<time_t>(ms / 1000), static_cast<long>(ms % 1000) * 1000000};
  nanosleep(&ts, nullptr);
  return confidant::OkStatus();
}

Status SecretAddress(Input, Output& out) {
  PutU64(out, reinterpret_cast<uint64_t>(g_secret));
  PutU64(out, sizeof(g_secret));
  return confidant::OkStatus();
}

Status HostMallocFill(Input in, Output& out) {
  uint64_t size = U64(in);
  void* data = confidant::enclave::HostMalloc(size);
  if (data == nullptr) return confidant::ResourceExhaustedError("host_malloc failed");
  if (!confidant::enclave::IsOutsideEnclave(data, size)) {
    return confidant::InternalError("host_malloc returned enclave memory");
  }
  std::memset(data, 0xab, size);
  PutU64(out, reinterpret_cast<uint64_t>(data));
  return confidant::OkStatus();
}

Status Countdown(Input in, Output& out) {
  uint64_t n = U64(in);
  if (n == 0) {
    PutU64(out, 0);
    return confidant::OkStatus();
  }
  Output request;
  PutU64(request, n - 1);
  Output reply;
  Status status = confidant::abi::CallHost(ids::kOcallCountdown, 0, request, 8, reply);
  if (!status.ok()) return status;
  PutU64(out, U64(reply) + 1);
  return confidant::OkStatus();
}

Status Boundaries(Input in, Output& out) {
  int local = 0;
  const void* host_pointer = reinterpret_cast<const void*>(U64(in));
  out.push_back(confidant::enclave::IsWithinEnclave(&local, sizeof(local)));
  out.push_back(confidant::enclave::IsOutsideEnclave(&local, sizeof(local)));
  out.push_back(confidant::enclave::IsWithinEnclave(host_pointer, 8));
  out.push_back(confidant::enclave::IsOutsideEnclave(host_pointer, 8));
  out.push_back(confidant::enclave::IsWithinEnclave(nullptr, 1));
  out.push_back(confidant::enclave::IsWithinEnclave(reinterpret_cast<void*>(~uintptr_t{0}), 2));
  return confidant::OkStatus();
}

Status Print(Input in, Output&) {
  return confidant::enclave::Print(
      std::string_view(reinterpret_cast<const char*>(in.data()), in.size()));
}

Status BigOutput(Input in, Output& out) {
  out.assign(U64(in), 0x5a);
  return confidant::OkStatus();
}

Status Concurrent(Input in, Output& out) {
  int now = ++g_in_flight;
  int seen = g_max_in_flight.load();
  while (now > seen && !g_max_in_flight.compare_exchange_weak(seen, now)) {
  }
  (void)Sleep(in, out);
  --g_in_flight;
  out.clear();
  PutU64(out, static_cast<uint64_t>(g_max_in_flight.load()));
  return confidant::OkStatus();
}

Status Throw(Input, Output&) { throw std::runtime_error("thrown inside the enclave"); }

Status Random(Input in, Output& out) {
  out.resize(U64(in));
  return confidant::enclave::RandomBytes(out.data(), out.size());
}

const confidant::abi::CallHandler kHandlers[] = {
    Echo,      CallHostEcho, Forbidden, Crash,     AbortCall,  Sleep, SecretAddress, HostMallocFill,
    Countdown, Boundaries,   Print,     BigOutput, Concurrent, Throw, Random};
const char* const kNames[] = {"echo",       "call_host_echo", "forbidden",      "crash",
                              "abort",      "sleep",          "secret_address", "host_malloc_fill",
                              "countdown",  "boundaries",     "print",          "big_output",
                              "concurrent", "throw",          "random"};
const uint32_t kFlags[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
static_assert(sizeof(kHandlers) / sizeof(kHandlers[0]) == ids::kEcallCount);

const confidant::abi::CallTable kTable = {
    "runtime_test", ids::kInterfaceId, ids::kEcallCount, kHandlers, kNames, kFlags};

}  // namespace

extern "C" __attribute__((visibility("default"))) const confidant::abi::CallTable*
confidant_enclave_ecall_table() {
  return &kTable;
}
