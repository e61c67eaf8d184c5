// Whole-file reads and writes for commands, tools and platformd (never for enclave code).
//
// Errors name the path and the system's reason: NotFound for a file that cannot be read,
// FailedPrecondition for one that cannot be written or is over a size limit. Thread-safety: safe to
// call concurrently on different paths.

#ifndef CONFIDANT_COMMON_FILE_H_
#define CONFIDANT_COMMON_FILE_H_

#include <sys/types.h>

#include <cstddef>
#include <string>

#include "common/bytes.h"
#include "common/result.h"

namespace confidant {

// The bytes of the regular file at `path`.
Result<Bytes> ReadFile(const std::string& path);

// Creates `path` and any missing parents, each new one with permissions `mode` (existing ones are
// left as they are). FailedPrecondition naming the directory that could not be created.
Status MakeDirectories(const std::string& path, mode_t mode);

// Replaces the file at `path` with `bytes`: they are written to a temporary file beside it that is
// then renamed over `path`, so a reader never sees a partial file.
Status WriteFile(const std::string& path, ByteSpan bytes);

// As ReadFile, refusing (FailedPrecondition) a file over `max_size` bytes.
Result<Bytes> ReadFileBytes(const std::string& path, size_t max_size);
// As ReadFileBytes for an open descriptor (read from offset 0), named `name` in errors.
Result<Bytes> ReadFdBytes(int fd, const std::string& name, size_t max_size);

// As WriteFile, crash-safe: the temporary file is created with permissions `mode` and fsynced
// before the rename, and the directory after it, so after a crash `path` holds the old or the
// new contents, never a mix.
Status WriteFileAtomic(const std::string& path, ByteSpan bytes, mode_t mode);

}  // namespace confidant

#endif  // CONFIDANT_COMMON_FILE_H_
