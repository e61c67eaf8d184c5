// Taking in an enclave image at launch: the host's file is copied once into a sealed memfd (no
// one can change it afterwards), and the signature and MRENCLAVE are verified on a mapping of
// that memfd, which is also what the enclave process loads. So the bytes measured are the bytes
// that run.
//
// Thread-safety: the function shares no state.

#ifndef CONFIDANT_PLATFORM_IMAGE_INTAKE_H_
#define CONFIDANT_PLATFORM_IMAGE_INTAKE_H_

#include <cstdint>

#include "common/result.h"
#include "common/unique_fd.h"
#include "image/enclave_config.h"
#include "image/measurement.h"

namespace confidant::platform {

inline constexpr size_t kMaxImageSize = size_t{1} << 30;

struct PreparedImage {
  UniqueFd memfd;  // sealed: no write, shrink or grow
  image::EnclaveConfig config;
  image::Measurement mrenclave{};
  image::Measurement mrsigner{};
  uint64_t elf_size = 0;
  uint64_t committed_bytes = 0;  // the measured layout: image, heap, stacks, TCS, SSA
};

// Errors: FailedPrecondition for an image over kMaxImageSize, and those of
// image::VerifyEnclaveImage (PermissionDenied for a bad signature or MRENCLAVE mismatch,
// InvalidArgument for a malformed file), each prefixed "image: ".
Result<PreparedImage> PrepareImage(int image_fd);

}  // namespace confidant::platform

#endif  // CONFIDANT_PLATFORM_IMAGE_INTAKE_H_
