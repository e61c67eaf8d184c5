#include "runner/sandbox.h"

#include <fcntl.h>
#include <seccomp.h>
#include <stdlib.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "common/result.h"

namespace confidant::runner {
namespace {

struct CtxDeleter {
  void operator()(scmp_filter_ctx ctx) const { seccomp_release(ctx); }
};
using Ctx = std::unique_ptr<void, CtxDeleter>;

// Allowed in both filters.
constexpr const char* kRunCalls[] = {
    // memory
    "brk", "mmap", "munmap", "mprotect", "mremap", "madvise", "mlock", "munlock",
    // threads already running, their synchronization and identity
    "futex", "set_robust_list", "get_robust_list", "rseq", "sched_yield", "sched_getaffinity",
    "getpid", "gettid", "membarrier",
    // time and randomness
    "clock_gettime", "clock_getres", "clock_nanosleep", "nanosleep", "gettimeofday", "time",
    "getrandom",
    // signals to itself (abort raises SIGABRT)
    "rt_sigreturn", "rt_sigprocmask", "sigaltstack", "restart_syscall",
    // I/O on the descriptors it was given (its private socket to platformd)
    "read", "write", "readv", "writev", "close", "sendmsg", "recvmsg", "poll", "ppoll",
    // leaving
    "exit", "exit_group"};

// Only while the image loads.
constexpr const char* kLaunchOnlyCalls[] = {"openat",   "open",    "newfstatat", "fstat",
                                            "lseek",    "pread64", "access",     "faccessat",
                                            "readlink", "seccomp", "prctl"};

Status AddRule(scmp_filter_ctx ctx, uint32_t action, const char* name) {
  int number = seccomp_syscall_resolve_name(name);
  if (number == __NR_SCMP_ERROR) return OkStatus();  // not on this architecture
  if (seccomp_rule_add(ctx, action, number, 0) != 0) {
    return InternalError(std::string("seccomp: cannot add a rule for ") + name);
  }
  return OkStatus();
}

Status AddSelfSignalRules(scmp_filter_ctx ctx) {
  // tgkill/tkill only to this process: abort() and raise() signal the calling thread.
  const scmp_datum_t pid = static_cast<scmp_datum_t>(getpid());
  if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1, SCMP_A0(SCMP_CMP_EQ, pid)) != 0 ||
      seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(kill), 1, SCMP_A0(SCMP_CMP_EQ, pid)) != 0) {
    return InternalError("seccomp: cannot add the self-signal rules");
  }
  return OkStatus();
}

Status Load(scmp_filter_ctx ctx) {
  if (seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1) != 0 ||
      seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 1) != 0) {
    return InternalError("seccomp: cannot set the filter attributes");
  }
  int rc = seccomp_load(ctx);
  if (rc != 0)
    return InternalError("seccomp: loading the filter failed (" + std::to_string(rc) + ")");
  return OkStatus();
}

}  // namespace

Status InstallLaunchFilter() {
  Ctx ctx(seccomp_init(SCMP_ACT_TRAP));
  if (ctx == nullptr) return InternalError("seccomp: seccomp_init failed");
  for (const char* name : kRunCalls) RETURN_IF_ERROR(AddRule(ctx.get(), SCMP_ACT_ALLOW, name));
  for (const char* name : kLaunchOnlyCalls) {
    RETURN_IF_ERROR(AddRule(ctx.get(), SCMP_ACT_ALLOW, name));
  }
  RETURN_IF_ERROR(AddSelfSignalRules(ctx.get()));
  return Load(ctx.get());
}

Status InstallRunFilter() {
  Ctx ctx(seccomp_init(SCMP_ACT_ALLOW));
  if (ctx == nullptr) return InternalError("seccomp: seccomp_init failed");
  for (const char* name : kLaunchOnlyCalls) {
    RETURN_IF_ERROR(AddRule(ctx.get(), SCMP_ACT_TRAP, name));
  }
  return Load(ctx.get());
}

std::string SyscallName(long number) {
  char* name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, static_cast<int>(number));
  if (name == nullptr) return "syscall " + std::to_string(number);
  std::string result(name);
  free(name);
  return result;
}

}  // namespace confidant::runner
