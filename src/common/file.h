// Whole-file reads and crash-safe writes.
//
// WriteFileAtomic writes a temporary file beside `path`, fsyncs it, renames it over `path` and
// fsyncs the directory: after a crash `path` holds either the old or the new contents, never a
// mix (docs/architecture.md, "nothing lost on failure").
//
// Thread-safety: the functions share no state.

#ifndef CONFIDANT_COMMON_FILE_H_
#define CONFIDANT_COMMON_FILE_H_

#include <sys/types.h>

#include <cstddef>
#include <string>

#include "common/bytes.h"
#include "common/result.h"

namespace confidant {

// The contents of `path`: NotFound if it does not exist, FailedPrecondition if it is larger than
// `max_size`, Unavailable for other read errors; messages name the file.
Result<Bytes> ReadFileBytes(const std::string& path, size_t max_size);
// As ReadFileBytes for an open descriptor (read from offset 0), named `name` in errors.
Result<Bytes> ReadFdBytes(int fd, const std::string& name, size_t max_size);

// Replaces `path` with `data`, created with permissions `mode`.
Status WriteFileAtomic(const std::string& path, ByteSpan data, mode_t mode);

}  // namespace confidant

#endif  // CONFIDANT_COMMON_FILE_H_
