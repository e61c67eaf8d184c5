// `confidant bench ecall`: the cost of a call into a Confidant enclave, against the cost of the
// cross-process wake-up it cannot avoid, measured side by side (docs/performance.md):
//   - ecall (blocking): an empty ecall vs a futex ping-pong between two processes over shared
//     memory (wake the other side, sleep until it wakes you);
//   - ecall with one ocall: vs two futex ping-pongs;
//   - switchless ecall (polling worker): vs a spin ping-pong between two processes;
//   - enclave launch (create: verify, measure, sandbox, load; then terminate): vs starting and
//     reaping a process that runs /bin/true.
// The enclave is bench/ecall/ecall_enclave.cc, signed at build time; $CONFIDANT_BENCH_ENCLAVE
// overrides where it is. The platform is an embedded one in a temporary directory unless
// $CONFIDANT_PLATFORM_DIR or $CONFIDANT_PLATFORM_SOCKET says otherwise.

#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>

#include "bench/registry.h"
#include "channel/futex.h"
#include "channel/platform_protocol.h"
#include "common/logging.h"
#include "confidant/host.h"
#include "host/platform_client.h"

extern char** environ;

namespace confidant::bench {
namespace {

constexpr uint64_t kInterfaceId = 0xbe9c'eca1'0000'0001ull;

Status EmptyOcall(std::span<const uint8_t>, std::vector<uint8_t>&) { return OkStatus(); }
const abi::CallHandler kOcalls[] = {EmptyOcall};
const char* const kOcallNames[] = {"empty"};
const uint32_t kOcallFlags[] = {0};
const abi::CallTable kOcallTable = {"bench_ecall", kInterfaceId, 1,
                                    kOcalls,       kOcallNames,  kOcallFlags};

std::string EnclavePath() {
  if (const char* env = std::getenv("CONFIDANT_BENCH_ENCLAVE")) return env;
#ifdef CONFIDANT_BENCH_ENCLAVE_INSTALLED
  if (access(CONFIDANT_BENCH_ENCLAVE_INSTALLED, R_OK) == 0)
    return CONFIDANT_BENCH_ENCLAVE_INSTALLED;
#endif
  return CONFIDANT_BENCH_ENCLAVE_BUILD;
}

// A pair of processes bouncing a token through shared memory: the parent's Round() returns
// when the child has answered. `spin`: both sides poll; otherwise both sleep on futexes.
class PingPong {
 public:
  static Result<std::unique_ptr<PingPong>> Start(bool spin) {
    void* shared = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) return InternalError("ping-pong: mmap failed");
    auto* word = new (shared) std::atomic<uint32_t>(0);
    auto* waiting = new (static_cast<char*>(shared) + 64) std::atomic<uint32_t>(0);
    auto* child_waiting = new (static_cast<char*>(shared) + 128) std::atomic<uint32_t>(0);
    pid_t pid = fork();
    if (pid < 0) return InternalError("ping-pong: fork failed");
    if (pid == 0) {
      uint32_t seen = 0;
      for (;;) {
        seen = Wait(word, seen, child_waiting, spin);
        if (seen == 0xffffffffu) _exit(0);
        ++seen;
        channel::Publish(word, seen, waiting);
      }
    }
    return std::unique_ptr<PingPong>(new PingPong(shared, word, waiting, child_waiting, pid, spin));
  }
  ~PingPong() {
    channel::Publish(word_, 0xffffffffu, child_waiting_);
    waitpid(pid_, nullptr, 0);
    munmap(shared_, 4096);
  }
  void Round() {
    uint32_t next = value_ + 1;
    channel::Publish(word_, next, child_waiting_);
    value_ = Wait(word_, next, waiting_, spin_);
  }

 private:
  PingPong(void* shared, std::atomic<uint32_t>* word, std::atomic<uint32_t>* waiting,
           std::atomic<uint32_t>* child_waiting, pid_t pid, bool spin)
      : shared_(shared),
        word_(word),
        waiting_(waiting),
        child_waiting_(child_waiting),
        pid_(pid),
        spin_(spin) {}
  static uint32_t Wait(std::atomic<uint32_t>* word, uint32_t current,
                       std::atomic<uint32_t>* waiting, bool spin) {
    return channel::WaitForChange(
        word, current, waiting,
        spin ? std::chrono::nanoseconds(std::chrono::seconds(3600)) : std::chrono::nanoseconds(0),
        std::chrono::seconds(1), [] { return true; });
  }
  void* shared_;
  std::atomic<uint32_t>* word_;
  std::atomic<uint32_t>* waiting_;
  std::atomic<uint32_t>* child_waiting_;
  pid_t pid_;
  bool spin_;
  uint32_t value_ = 0;
};

// An embedded platform in a temporary directory for the run, stopped afterwards.
class BenchPlatform {
 public:
  BenchPlatform() {
    if (std::getenv("CONFIDANT_PLATFORM_DIR") != nullptr ||
        std::getenv("CONFIDANT_PLATFORM_SOCKET") != nullptr) {
      return;
    }
    char pattern[] = "/tmp/confidant-bench-XXXXXX";
    if (mkdtemp(pattern) == nullptr) return;
    dir_ = pattern;
    setenv("CONFIDANT_PLATFORM_DIR", (dir_ + "/platform").c_str(), 1);
  }
  ~BenchPlatform() {
    if (dir_.empty()) return;
    auto fd = host::ConnectUnix(dir_ + "/platform/platformd.sock");
    if (fd.ok()) {
      auto reply = host::Request(fd->get(), {{"op", "status"}}, {}, std::chrono::seconds(5));
      if (reply.ok()) kill(reply->body["platform"].value("pid", 0), SIGTERM);
    }
    unsetenv("CONFIDANT_PLATFORM_DIR");
    usleep(100000);
    std::system(("rm -rf " + dir_).c_str());
  }

 private:
  std::string dir_;
};

Result<std::unique_ptr<Enclave>> CreateBenchEnclave() {
  EnclaveSettings settings;
  settings.call_buffer_size = 64 * 1024;
  settings.host_heap_size = 0;
  settings.switchless.enclave_workers = 1;
  settings.switchless.host_workers = 1;
  settings.switchless.spin = std::chrono::milliseconds(5);
  std::unique_ptr<Enclave> enclave;
  Status status = abi::CreateEnclave(EnclavePath(), settings, kOcallTable, &enclave);
  if (!status.ok()) {
    return Status(status.code(), "bench ecall: " + std::string(status.message()) +
                                     " (set CONFIDANT_BENCH_ENCLAVE to the signed bench enclave)");
  }
  return enclave;
}

BatchOperation Calls(Enclave* enclave, uint32_t id, uint32_t flags) {
  return [enclave, id, flags](uint64_t iterations) -> Status {
    std::vector<uint8_t> out;
    for (uint64_t i = 0; i < iterations; ++i) {
      RETURN_IF_ERROR(abi::CallEnclave(enclave, id, flags, {}, 0, out));
    }
    return OkStatus();
  };
}

BatchOperation Rounds(PingPong* ping_pong, int per_step) {
  return [ping_pong, per_step](uint64_t iterations) -> Status {
    for (uint64_t i = 0; i < iterations * per_step; ++i) ping_pong->Round();
    return OkStatus();
  };
}

Result<std::vector<Figure>> RunEcallBench(const MeasureOptions& options) {
  BenchPlatform platform;
  ASSIGN_OR_RETURN(std::unique_ptr<Enclave> enclave, CreateBenchEnclave());
  std::vector<Figure> figures;
  {
    ASSIGN_OR_RETURN(std::unique_ptr<PingPong> futex, PingPong::Start(/*spin=*/false));
    ASSIGN_OR_RETURN(PairedRates rates, MeasureAgainstFloor(Calls(enclave.get(), 0, 0),
                                                            Rounds(futex.get(), 1), options));
    figures.push_back(MakeFigure("ecall-empty", rates.ours, std::string(kOpsPerSecond), rates.floor,
                                 "futex ping-pong between two processes"));
    ASSIGN_OR_RETURN(
        rates, MeasureAgainstFloor(Calls(enclave.get(), 2, 0), Rounds(futex.get(), 2), options));
    figures.push_back(MakeFigure("ecall-with-one-ocall", rates.ours, std::string(kOpsPerSecond),
                                 rates.floor, "two futex ping-pongs between two processes"));
  }
  {
    ASSIGN_OR_RETURN(std::unique_ptr<PingPong> spin, PingPong::Start(/*spin=*/true));
    ASSIGN_OR_RETURN(PairedRates rates,
                     MeasureAgainstFloor(Calls(enclave.get(), 1, abi::kCallSwitchless),
                                         Rounds(spin.get(), 1), options));
    figures.push_back(MakeFigure("ecall-switchless-empty", rates.ours, std::string(kOpsPerSecond),
                                 rates.floor, "spin ping-pong between two processes"));
  }
  RETURN_IF_ERROR(enclave->Terminate());
  enclave.reset();

  BatchOperation launch = [](uint64_t iterations) -> Status {
    for (uint64_t i = 0; i < iterations; ++i) {
      ASSIGN_OR_RETURN(std::unique_ptr<Enclave> e, CreateBenchEnclave());
      RETURN_IF_ERROR(e->Terminate());
    }
    return OkStatus();
  };
  BatchOperation spawn = [](uint64_t iterations) -> Status {
    for (uint64_t i = 0; i < iterations; ++i) {
      pid_t pid;
      const char* argv[] = {"/bin/true", nullptr};
      if (posix_spawn(&pid, "/bin/true", nullptr, nullptr, const_cast<char* const*>(argv),
                      environ) != 0) {
        return InternalError("posix_spawn /bin/true failed");
      }
      waitpid(pid, nullptr, 0);
    }
    return OkStatus();
  };
  ASSIGN_OR_RETURN(PairedRates rates, MeasureAgainstFloor(launch, spawn, options));
  figures.push_back(MakeFigure("enclave-launch", 1000.0 / rates.ours, "ms", 1000.0 / rates.floor,
                               "start and reap a process running /bin/true"));
  return figures;
}

const BenchRegistration kRegistration(
    {"ecall",
     "Enclave calls per second (blocking, with an ocall, switchless) and launch time, against "
     "the cross-process wake-ups and process start they cannot avoid",
     &RunEcallBench});

}  // namespace
}  // namespace confidant::bench
