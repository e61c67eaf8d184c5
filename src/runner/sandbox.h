// The enclave process's system-call allow-list (seccomp, through libseccomp).
//
// Two filters, both applied to every thread (TSYNC), both trapping anything not allowed with
// SIGSYS so the runner can record which call it was (sandbox handler below):
//  - the launch filter, installed before the image is loaded: memory, futex, time, random,
//    signals for itself, I/O on descriptors it already has, and read-only opening (the loader
//    opens the image through /proc/self/fd). No sockets, no fork/clone/exec, no ptrace, no kill
//    of other processes, no credentials, no mounts.
//  - the run filter, stacked once the image is loaded: also no opening, no stat, no seccomp.
// Enclave code therefore runs all its ecalls under both: it cannot open files or sockets, fork,
// exec or create threads; those go through ocalls (docs/enclave-runtime.md).
//
// Thread-safety: call from the runner's main thread during start-up.

#ifndef CONFIDANT_RUNNER_SANDBOX_H_
#define CONFIDANT_RUNNER_SANDBOX_H_

#include <string>

#include "common/status.h"

namespace confidant::runner {

Status InstallLaunchFilter();
Status InstallRunFilter();

// The name of system call `number` on this architecture ("openat"), or "syscall <number>".
std::string SyscallName(long number);

}  // namespace confidant::runner

#endif  // CONFIDANT_RUNNER_SANDBOX_H_
