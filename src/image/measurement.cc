#include "image/measurement.h"

#include <algorithm>
#include <bit>
#include <string>

#include "common/byte_reader.h"
#include "common/encoding.h"

namespace confidant::image {
namespace {

// SECINFO.FLAGS bits that are not reserved: R, W, X, PENDING, MODIFIED, PR, PAGE_TYPE.
constexpr uint64_t kSecinfoDefinedBits = 0x3f | kSecinfoPageTypeMask;

}  // namespace

MrEnclaveBuilder::MrEnclaveBuilder()
    : hasher_(crypto::Hasher::Create(crypto::HashAlgorithm::kSha256)) {}

Status MrEnclaveBuilder::RequireCreated(std::string_view what) const {
  if (state_ == State::kNew) {
    return FailedPreconditionError("mrenclave: " + std::string(what) + " before ECREATE");
  }
  if (state_ == State::kFinished) {
    return FailedPreconditionError("mrenclave: " + std::string(what) + " after Finish");
  }
  return OkStatus();
}

Status MrEnclaveBuilder::CheckOffset(std::string_view what, uint64_t offset,
                                     uint64_t alignment) const {
  if (offset % alignment != 0) {
    return InvalidArgumentError("mrenclave: " + std::string(what) + " offset " + HexNumber(offset) +
                                " is not " + std::to_string(alignment) + "-byte aligned");
  }
  if (offset >= size_) {
    return InvalidArgumentError("mrenclave: " + std::string(what) + " offset " + HexNumber(offset) +
                                " is outside the enclave (size " + HexNumber(size_) + ")");
  }
  return OkStatus();
}

// `tag` (8 bytes with its NULs) || `a` (u64 LE, or u32 for ECREATE via rest) || rest || zeros.
void MrEnclaveBuilder::Record(std::string_view tag, uint64_t a, ByteSpan rest) {
  ByteWriter record;
  record.Write(AsBytes(tag));
  record.U64Le(a);
  record.Write(rest);
  record.Zeros(kMeasurementRecordSize - record.size());
  hasher_.Update(record.bytes());
  ++blocks_;
}

Status MrEnclaveBuilder::Ecreate(uint32_t ssa_frame_pages, uint64_t size) {
  if (state_ != State::kNew) return FailedPreconditionError("mrenclave: ECREATE called twice");
  if (ssa_frame_pages == 0) return InvalidArgumentError("mrenclave: SSA frame size of 0 pages");
  if (size < 2 * kEnclavePageSize || !std::has_single_bit(size)) {
    return InvalidArgumentError("mrenclave: enclave size " + HexNumber(size) +
                                " is not a power of two >= 2 pages");
  }
  // ECREATE's record is "ECREATE\0" || SSAFRAMESIZE (u32) || SIZE (u64): written directly, since
  // its first field is 4 bytes, not 8.
  ByteWriter record;
  record.Write(AsBytes(std::string_view("ECREATE\0", 8)));
  record.U32Le(ssa_frame_pages);
  record.U64Le(size);
  record.Zeros(kMeasurementRecordSize - record.size());
  hasher_.Update(record.bytes());
  ++blocks_;
  size_ = size;
  state_ = State::kCreated;
  return OkStatus();
}

Status MrEnclaveBuilder::Eadd(uint64_t offset, uint64_t secinfo_flags) {
  RETURN_IF_ERROR(RequireCreated("EADD"));
  RETURN_IF_ERROR(CheckOffset("EADD", offset, kEnclavePageSize));
  if ((secinfo_flags & ~kSecinfoDefinedBits) != 0) {
    return InvalidArgumentError("mrenclave: EADD SECINFO flags " + HexNumber(secinfo_flags) +
                                " set reserved bits");
  }
  uint64_t type = secinfo_flags & kSecinfoPageTypeMask;
  if (type != kPageTypeReg && type != kPageTypeTcs) {
    return InvalidArgumentError("mrenclave: EADD page type " + HexNumber(type >> 8) +
                                " is neither REG nor TCS");
  }
  if (type == kPageTypeReg && (secinfo_flags & kSecinfoW) && !(secinfo_flags & kSecinfoR)) {
    return InvalidArgumentError("mrenclave: EADD SECINFO flags " + HexNumber(secinfo_flags) +
                                " are writable but not readable");
  }
  if (added_pages_.contains(offset)) {
    return FailedPreconditionError("mrenclave: EADD of page " + HexNumber(offset) + " twice");
  }
  uint64_t measured = secinfo_flags;
  if (type == kPageTypeTcs) measured &= ~(kSecinfoR | kSecinfoW | kSecinfoX);
  ByteWriter flags;
  flags.U64Le(measured);
  Record(std::string_view("EADD\0\0\0\0", 8), offset, flags.bytes());
  added_pages_.insert(offset);
  return OkStatus();
}

Status MrEnclaveBuilder::Eextend(uint64_t offset, ByteSpan chunk) {
  RETURN_IF_ERROR(RequireCreated("EEXTEND"));
  RETURN_IF_ERROR(CheckOffset("EEXTEND", offset, kEextendChunkSize));
  if (chunk.size() != kEextendChunkSize) {
    return InvalidArgumentError("mrenclave: EEXTEND chunk of " + std::to_string(chunk.size()) +
                                " bytes, expected 256");
  }
  uint64_t page = offset - offset % kEnclavePageSize;
  if (!added_pages_.contains(page)) {
    return FailedPreconditionError("mrenclave: EEXTEND at " + HexNumber(offset) + " of page " +
                                   HexNumber(page) + " that was not added");
  }
  Record(std::string_view("EEXTEND\0", 8), offset, {});
  hasher_.Update(chunk);
  blocks_ += kEextendChunkSize / kMeasurementRecordSize;
  return OkStatus();
}

Status MrEnclaveBuilder::AddPage(uint64_t offset, uint64_t secinfo_flags, ByteSpan page,
                                 bool measure_content) {
  if (page.size() != kEnclavePageSize) {
    return InvalidArgumentError("mrenclave: page of " + std::to_string(page.size()) +
                                " bytes, expected 4096");
  }
  RETURN_IF_ERROR(Eadd(offset, secinfo_flags));
  if (!measure_content) return OkStatus();
  for (uint64_t i = 0; i < kEnclavePageSize; i += kEextendChunkSize) {
    // Cannot fail: the page was just added and every chunk offset lies inside it.
    RETURN_IF_ERROR(Eextend(offset + i, page.subspan(i, kEextendChunkSize)));
  }
  return OkStatus();
}

Result<Measurement> MrEnclaveBuilder::Finish() {
  RETURN_IF_ERROR(RequireCreated("Finish"));
  state_ = State::kFinished;
  Bytes digest = hasher_.Finish();
  Measurement out{};
  std::copy(digest.begin(), digest.end(), out.begin());
  return out;
}

}  // namespace confidant::image
