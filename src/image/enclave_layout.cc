#include "image/enclave_layout.h"

#include <algorithm>
#include <bit>
#include <string>

#include "common/byte_reader.h"
#include "common/encoding.h"

namespace confidant::image {
namespace {

constexpr uint64_t kPage = kEnclavePageSize;

using Page = std::array<uint8_t, kPage>;

uint64_t SecinfoFor(const LoadSegment& s) {
  uint64_t flags = kPageTypeReg;
  if (s.readable()) flags |= kSecinfoR;
  if (s.writable()) flags |= kSecinfoW;
  if (s.executable()) flags |= kSecinfoX;
  return flags;
}

// Appends regions while keeping track of the next free offset.
class LayoutWriter {
 public:
  explicit LayoutWriter(uint64_t start) : next_(start) {}
  uint64_t next() const { return next_; }
  // REQUIRES: pages <= kMaxEnclaveLayout / kPage and next() <= kMaxEnclaveLayout (checked by
  // the caller's totals), so nothing overflows.
  uint64_t Add(std::vector<Region>& regions, RegionKind kind, uint64_t pages, uint64_t flags,
               bool measured) {
    uint64_t offset = next_;
    regions.push_back({kind, offset, pages * kPage, flags, measured});
    next_ += pages * kPage;
    return offset;
  }

 private:
  uint64_t next_;
};

// Pages the data regions take: guard, heap, guard, then per TCS stack, guard, TCS, SSA, guard.
uint64_t DataPages(const EnclaveConfig& c) {
  const uint64_t per_tcs = c.num_stack_pages + 1 + 1 + kSsaFramesPerTcs * kSsaFramePages + 1;
  return 1 + c.num_heap_pages + 1 + c.num_tcs * per_tcs;
}

Status AddPages(MrEnclaveBuilder& builder, const Region& region, const Page& content) {
  for (uint64_t at = region.offset; at < region.offset + region.size; at += kPage) {
    RETURN_IF_ERROR(builder.AddPage(at, region.secinfo_flags, content, region.measured));
  }
  return OkStatus();
}

Status AddImagePages(MrEnclaveBuilder& builder, const ElfImage& image, const LoadSegment& s) {
  const uint64_t flags = SecinfoFor(s);
  for (uint64_t at = s.page_begin(); at < s.page_end(); at += kPage) {
    RETURN_IF_ERROR(builder.AddPage(at, flags, ImagePage(image, s, at), true));
  }
  return OkStatus();
}

}  // namespace

std::string_view RegionKindName(RegionKind kind) {
  switch (kind) {
    case RegionKind::kImage:
      return "image";
    case RegionKind::kGuard:
      return "guard";
    case RegionKind::kHeap:
      return "heap";
    case RegionKind::kStack:
      return "stack";
    case RegionKind::kTcs:
      return "tcs";
    case RegionKind::kSsa:
      return "ssa";
  }
  return "unknown";
}

Result<EnclaveLayout> ComputeEnclaveLayout(const ElfImage& image, const EnclaveConfig& config) {
  // Bounds: span <= 1 GiB, heap and stack pages <= 2^24, TCS <= 32, so the total fits easily.
  const uint64_t end = image.span() + DataPages(config) * kPage;
  if (end > kMaxEnclaveLayout) {
    return InvalidArgumentError("layout: the enclave would take " + HexNumber(end) +
                                " bytes, more than the " + std::to_string(kMaxEnclaveLayout >> 30) +
                                " GiB Confidant lays out (reduce NumHeapPages, NumStackPages or "
                                "NumTCS)");
  }
  EnclaveLayout layout;
  layout.image_span = image.span();
  layout.entry_offset = image.entry_offset().value_or(0);
  for (const LoadSegment& s : image.load_segments()) {
    layout.regions.push_back(
        {RegionKind::kImage, s.page_begin(), s.page_end() - s.page_begin(), SecinfoFor(s), true});
  }
  LayoutWriter w(image.span());
  w.Add(layout.regions, RegionKind::kGuard, 1, 0, false);
  layout.heap_offset =
      w.Add(layout.regions, RegionKind::kHeap, config.num_heap_pages, kSecinfoRegRw, false);
  layout.heap_size = config.num_heap_pages * kPage;
  w.Add(layout.regions, RegionKind::kGuard, 1, 0, false);
  for (uint64_t i = 0; i < config.num_tcs; ++i) {
    TcsLayout t;
    t.stack_offset =
        w.Add(layout.regions, RegionKind::kStack, config.num_stack_pages, kSecinfoRegRw, false);
    t.stack_size = config.num_stack_pages * kPage;
    w.Add(layout.regions, RegionKind::kGuard, 1, 0, false);
    t.tcs_offset = w.Add(layout.regions, RegionKind::kTcs, 1, kSecinfoTcs, true);
    t.ssa_size = uint64_t{kSsaFramesPerTcs} * kSsaFramePages * kPage;
    t.ssa_offset = w.Add(layout.regions, RegionKind::kSsa, kSsaFramesPerTcs * kSsaFramePages,
                         kSecinfoRegRw, true);
    w.Add(layout.regions, RegionKind::kGuard, 1, 0, false);
    layout.tcs.push_back(t);
  }
  layout.layout_end = w.next();
  layout.enclave_size = std::max(std::bit_ceil(layout.layout_end), 2 * kPage);
  return layout;
}

std::array<uint8_t, 4096> TcsPage(const EnclaveLayout& layout, size_t index) {
  ByteWriter w;
  w.U64Le(0);                                // STATE
  w.U64Le(0);                                // FLAGS
  w.U64Le(layout.tcs.at(index).ssa_offset);  // OSSA
  w.U32Le(0);                                // CSSA
  w.U32Le(kSsaFramesPerTcs);                 // NSSA
  w.U64Le(layout.entry_offset);              // OENTRY
  w.U64Le(0);                                // AEP
  w.U64Le(0);                                // OFSBASE
  w.U64Le(0);                                // OGSBASE
  w.U32Le(kTcsSegmentLimit);                 // FSLIMIT
  w.U32Le(kTcsSegmentLimit);                 // GSLIMIT
  Page page{};
  std::copy(w.bytes().begin(), w.bytes().end(), page.begin());
  return page;
}

std::array<uint8_t, 4096> ImagePage(const ElfImage& image, const LoadSegment& s, uint64_t offset) {
  Page page{};
  const uint64_t file_end = s.vaddr + s.filesz;  // no overflow: below kMaxImageSpan
  const uint64_t mapped_end = (file_end + kPage - 1) & ~(kPage - 1);
  if (offset >= mapped_end) return page;  // anonymous zero page past the file bytes
  // The loader maps whole file pages: p_offset and p_vaddr are congruent modulo the page size.
  const uint64_t file_offset = (s.offset & ~(kPage - 1)) + (offset - s.page_begin());
  const ByteSpan file = image.bytes();
  if (file_offset < file.size()) {
    const uint64_t n = std::min<uint64_t>(kPage, file.size() - file_offset);
    std::copy_n(file.begin() + file_offset, n, page.begin());
  }
  // ld.so zeroes [p_vaddr + p_filesz, p_vaddr + p_memsz) within the last file page.
  const uint64_t zero_begin = std::max(offset, file_end);
  const uint64_t zero_end = std::min(offset + kPage, s.vaddr + s.memsz);
  if (zero_begin < zero_end) {
    std::fill(page.begin() + (zero_begin - offset), page.begin() + (zero_end - offset), 0);
  }
  return page;
}

Result<Measurement> MeasureEnclave(const ElfImage& image, const EnclaveConfig& config) {
  ASSIGN_OR_RETURN(EnclaveLayout layout, ComputeEnclaveLayout(image, config));
  return MeasureEnclave(image, layout);
}

Result<Measurement> MeasureEnclave(const ElfImage& image, const EnclaveLayout& layout) {
  MrEnclaveBuilder builder;
  RETURN_IF_ERROR(builder.Ecreate(kSsaFramePages, layout.enclave_size));
  const Page zeros{};
  size_t segment = 0;
  size_t tcs = 0;
  for (const Region& region : layout.regions) {
    switch (region.kind) {
      case RegionKind::kGuard:
        break;
      case RegionKind::kImage:
        RETURN_IF_ERROR(AddImagePages(builder, image, image.load_segments().at(segment++)));
        break;
      case RegionKind::kTcs:
        RETURN_IF_ERROR(AddPages(builder, region, TcsPage(layout, tcs++)));
        break;
      case RegionKind::kHeap:
      case RegionKind::kStack:
      case RegionKind::kSsa:
        RETURN_IF_ERROR(AddPages(builder, region, zeros));
        break;
    }
  }
  return builder.Finish();
}

}  // namespace confidant::image
