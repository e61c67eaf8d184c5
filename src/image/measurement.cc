#include "image/measurement.h"

#include <algorithm>
#include <bit>
#include <iterator>
#include <string>

#include "common/encoding.h"

namespace confidant::image {
namespace {

// SECINFO.FLAGS bits that are not reserved: R, W, X, PENDING, MODIFIED, PR, PAGE_TYPE.
constexpr uint64_t kSecinfoDefinedBits = 0x3f | kSecinfoPageTypeMask;

// Stores the low `width` bytes of `v` little-endian at `at`.
void PutLe(std::array<uint8_t, kMeasurementRecordSize>& record, size_t at, uint64_t v,
           size_t width) {
  for (size_t i = 0; i < width; ++i) record[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

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

// `tag` (8 bytes with its NULs) || `a` (u64 LE) || `b` (u64 LE) || 40 zero bytes. Built on the
// stack: an enclave's measurement is millions of records.
void MrEnclaveBuilder::Record(std::string_view tag, uint64_t a, uint64_t b) {
  std::array<uint8_t, kMeasurementRecordSize> record{};
  std::copy(tag.begin(), tag.end(), record.begin());
  PutLe(record, 8, a, 8);
  PutLe(record, 16, b, 8);
  hasher_.Update(record);
  ++blocks_;
}

bool MrEnclaveBuilder::IsAdded(uint64_t page) const {
  auto after = added_runs_.upper_bound(page);  // the first run starting after `page`
  return after != added_runs_.begin() && page < std::prev(after)->second;
}

// REQUIRES: !IsAdded(page). Extends the run ending at `page` and merges the one starting after.
void MrEnclaveBuilder::MarkAdded(uint64_t page) {
  const uint64_t end = page + kEnclavePageSize;  // no overflow: page < size_ <= 2^63
  auto next = added_runs_.find(end);
  uint64_t run_end = end;
  if (next != added_runs_.end()) {
    run_end = next->second;
    added_runs_.erase(next);
  }
  auto after = added_runs_.upper_bound(page);
  if (after != added_runs_.begin() && std::prev(after)->second == page) {
    std::prev(after)->second = run_end;
  } else {
    added_runs_.emplace(page, run_end);
  }
}

Status MrEnclaveBuilder::Ecreate(uint32_t ssa_frame_pages, uint64_t size) {
  if (state_ != State::kNew) return FailedPreconditionError("mrenclave: ECREATE called twice");
  if (ssa_frame_pages == 0) return InvalidArgumentError("mrenclave: SSA frame size of 0 pages");
  if (size < 2 * kEnclavePageSize || !std::has_single_bit(size)) {
    return InvalidArgumentError("mrenclave: enclave size " + HexNumber(size) +
                                " is not a power of two >= 2 pages");
  }
  // ECREATE's record is "ECREATE\0" || SSAFRAMESIZE (u32) || SIZE (u64) || zeros: the fields
  // are packed at offsets 8 and 12, unlike Record's.
  std::array<uint8_t, kMeasurementRecordSize> record{};
  const std::string_view tag("ECREATE\0", 8);
  std::copy(tag.begin(), tag.end(), record.begin());
  PutLe(record, 8, ssa_frame_pages, 4);
  PutLe(record, 12, size, 8);
  hasher_.Update(record);
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
  if (IsAdded(offset)) {
    return FailedPreconditionError("mrenclave: EADD of page " + HexNumber(offset) + " twice");
  }
  uint64_t measured = secinfo_flags;
  if (type == kPageTypeTcs) measured &= ~(kSecinfoR | kSecinfoW | kSecinfoX);
  Record(std::string_view("EADD\0\0\0\0", 8), offset, measured);
  MarkAdded(offset);
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
  if (!IsAdded(page)) {
    return FailedPreconditionError("mrenclave: EEXTEND at " + HexNumber(offset) + " of page " +
                                   HexNumber(page) + " that was not added");
  }
  Record(std::string_view("EEXTEND\0", 8), offset, 0);
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
