// Whole-file reads and writes for commands and tools (never for enclave code).
//
// Errors name the path and the system's reason: NotFound for a file that cannot be read,
// FailedPrecondition for one that cannot be written. Thread-safety: safe to call concurrently on
// different paths.

#ifndef CONFIDANT_COMMON_FILE_H_
#define CONFIDANT_COMMON_FILE_H_

#include <string>

#include "common/bytes.h"
#include "common/result.h"

namespace confidant {

// The bytes of the regular file at `path`.
Result<Bytes> ReadFile(const std::string& path);

// Replaces the file at `path` with `bytes`: they are written to a temporary file beside it that is
// then renamed over `path`, so a reader never sees a partial file.
Status WriteFile(const std::string& path, ByteSpan bytes);

}  // namespace confidant

#endif  // CONFIDANT_COMMON_FILE_H_
