// MRENCLAVE: the SHA-256 that ECREATE, EADD and EEXTEND accumulate while an enclave is built, as
// shared/reference/sgx-and-dcap.md section 1 and docs/enclave-images.md describe. Each instruction
// hashes one 64-byte record (EEXTEND adds its 256 data bytes as four more blocks); the digest is
// finalized at EINIT.
//
// MrEnclaveBuilder replays those instructions without SGX, so a signer can compute the
// ENCLAVEHASH a loader will reproduce. It checks the instructions' preconditions that bear on the
// measurement and returns them as errors: InvalidArgument for a bad argument (unaligned offset,
// offset outside the enclave, bad SECINFO flags, chunk not 256 bytes, size not a power of two
// >= 2 pages), FailedPrecondition for a call out of order (EADD before ECREATE, EEXTEND of a page
// not added, a page added twice, anything after Finish). A failed call changes nothing.
//
// Thread-safety: one builder belongs to one thread.

#ifndef CONFIDANT_IMAGE_MEASUREMENT_H_
#define CONFIDANT_IMAGE_MEASUREMENT_H_

#include <array>
#include <cstdint>
#include <map>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/hash.h"

namespace confidant::image {

inline constexpr uint64_t kEnclavePageSize = 4096;
inline constexpr uint64_t kEextendChunkSize = 256;
inline constexpr uint64_t kMeasurementRecordSize = 64;

// SECINFO.FLAGS bits (linux-sgx arch.h).
inline constexpr uint64_t kSecinfoR = 0x1;
inline constexpr uint64_t kSecinfoW = 0x2;
inline constexpr uint64_t kSecinfoX = 0x4;
inline constexpr uint64_t kSecinfoPending = 0x8;
inline constexpr uint64_t kSecinfoModified = 0x10;
inline constexpr uint64_t kSecinfoPr = 0x20;
inline constexpr uint64_t kSecinfoPageTypeMask = 0xff00;
inline constexpr uint64_t kPageTypeSecs = 0x000;
inline constexpr uint64_t kPageTypeTcs = 0x100;
inline constexpr uint64_t kPageTypeReg = 0x200;
inline constexpr uint64_t kPageTypeVa = 0x300;
inline constexpr uint64_t kPageTypeTrim = 0x400;
// Common combinations.
inline constexpr uint64_t kSecinfoTcs = kPageTypeTcs;                            // 0x100
inline constexpr uint64_t kSecinfoRegR = kPageTypeReg | kSecinfoR;               // 0x201
inline constexpr uint64_t kSecinfoRegRw = kPageTypeReg | kSecinfoR | kSecinfoW;  // 0x203
inline constexpr uint64_t kSecinfoRegRx = kPageTypeReg | kSecinfoR | kSecinfoX;  // 0x205
inline constexpr uint64_t kSecinfoRegRwx = kPageTypeReg | kSecinfoR | kSecinfoW | kSecinfoX;

using Measurement = std::array<uint8_t, 32>;

class MrEnclaveBuilder {
 public:
  MrEnclaveBuilder();

  // ECREATE. `ssa_frame_pages` is SECS.SSAFRAMESIZE (>= 1), `size` SECS.SIZE in bytes: a power of
  // two >= 2 pages. REQUIRES: the first call.
  Status Ecreate(uint32_t ssa_frame_pages, uint64_t size);
  // EADD of the page at `offset` (from the enclave base; page-aligned, inside SECS.SIZE) with
  // SECINFO.FLAGS `secinfo_flags`: page type REG or TCS, no reserved bits, W only with R. For a
  // TCS page the R/W/X bits are cleared before hashing, as EADD does.
  Status Eadd(uint64_t offset, uint64_t secinfo_flags);
  // EEXTEND of the 256-byte `chunk` at `offset` (256-aligned, in a page already added).
  Status Eextend(uint64_t offset, ByteSpan chunk);
  // EADD of a page, then, when `measure_content`, EEXTEND of its 16 chunks. `page` is 4096 bytes.
  Status AddPage(uint64_t offset, uint64_t secinfo_flags, ByteSpan page, bool measure_content);
  // EINIT's finalization: the MRENCLAVE. REQUIRES: after Ecreate; the builder is then spent.
  Result<Measurement> Finish();

  // 64-byte blocks hashed so far (ECREATE and EADD one each, EEXTEND five).
  uint64_t blocks() const { return blocks_; }

 private:
  enum class State { kNew, kCreated, kFinished };

  Status RequireCreated(std::string_view what) const;
  Status CheckOffset(std::string_view what, uint64_t offset, uint64_t alignment) const;
  void Record(std::string_view tag, uint64_t a, uint64_t b);
  bool IsAdded(uint64_t page) const;
  void MarkAdded(uint64_t page);

  crypto::Hasher hasher_;
  State state_ = State::kNew;
  uint64_t size_ = 0;
  uint64_t blocks_ = 0;
  // The pages added so far as runs [begin, end): an enclave of millions of pages added in order
  // takes a few entries, not one per page.
  std::map<uint64_t, uint64_t> added_runs_;
};

}  // namespace confidant::image

#endif  // CONFIDANT_IMAGE_MEASUREMENT_H_
