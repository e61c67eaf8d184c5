// The page layout of an enclave built from an image and its configuration, and the enclave's
// MRENCLAVE (the measurement a signer signs and platformd recomputes at launch).
// Spec, with the table of regions: docs/enclave-images.md, "Enclave layout".
//
// Offsets are from the enclave base, in this order: the image's PT_LOAD pages at their p_vaddr;
// a guard page; the heap (NumHeapPages); a guard page; then per TCS: its stack (NumStackPages), a
// guard page, the TCS page, its kSsaFramesPerTcs SSA frames, a guard page. Guard pages and the
// holes between image segments are never added. SECS.SIZE is the smallest power of two that holds
// the layout.
//
// MeasureEnclave replays ECREATE (SSAFRAMESIZE 1, SECS.SIZE), then, region by region in offset
// order: EADD + EEXTEND of every image page with its content as dlopen() maps it; EADD only of
// heap and stack pages (as Open Enclave, whose heap contents are not measured); EADD (page type
// TCS) + EEXTEND of each TCS page; EADD + EEXTEND of the zeroed SSA frames.
//
// The layout fixes the regions' content, sizes and order. The sw backend places the image (where
// dlopen puts it) and the data regions (heap, stacks, TCS, SSA) independently, so the distance
// between the image and the data regions at run time is not what `offset` says; within the image
// and within the data regions it is.
//
// Errors: InvalidArgument when the layout would exceed kMaxEnclaveLayout. Thread-safety: pure
// functions over values.

#ifndef CONFIDANT_IMAGE_ENCLAVE_LAYOUT_H_
#define CONFIDANT_IMAGE_ENCLAVE_LAYOUT_H_

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "image/elf_image.h"
#include "image/enclave_config.h"
#include "image/measurement.h"

namespace confidant::image {

// SECS.SSAFRAMESIZE (pages per SSA frame) and TCS.NSSA.
inline constexpr uint32_t kSsaFramePages = 1;
inline constexpr uint32_t kSsaFramesPerTcs = 2;
// TCS.FSLIMIT and TCS.GSLIMIT.
inline constexpr uint32_t kTcsSegmentLimit = 0xfff;
// The largest layout (end of the last guard page) Confidant lays out and measures: 64 GiB, i.e.
// at most 2^24 pages to EADD.
inline constexpr uint64_t kMaxEnclaveLayout = uint64_t{1} << 36;

enum class RegionKind { kImage, kGuard, kHeap, kStack, kTcs, kSsa };

// "image", "guard", "heap", "stack", "tcs", "ssa".
std::string_view RegionKindName(RegionKind kind);

// A run of pages of one kind. Guard pages and image holes are not added (secinfo_flags 0).
struct Region {
  RegionKind kind = RegionKind::kGuard;
  uint64_t offset = 0;         // page-aligned, from the enclave base
  uint64_t size = 0;           // a multiple of 4096
  uint64_t secinfo_flags = 0;  // SECINFO.FLAGS of each page EADD adds (0: not added)
  bool measured = false;       // EEXTEND of the content after EADD
  friend bool operator==(const Region&, const Region&) = default;
};

// One thread's regions.
struct TcsLayout {
  uint64_t stack_offset = 0;  // lowest address of the stack; it grows down from stack_offset +
  uint64_t stack_size = 0;    // stack_size
  uint64_t tcs_offset = 0;    // the TCS page
  uint64_t ssa_offset = 0;    // TCS.OSSA: kSsaFramesPerTcs frames of kSsaFramePages pages
  uint64_t ssa_size = 0;
  friend bool operator==(const TcsLayout&, const TcsLayout&) = default;
};

struct EnclaveLayout {
  uint64_t enclave_size = 0;  // SECS.SIZE: a power of two >= layout_end
  uint64_t layout_end = 0;    // the end of the last region (a guard page)
  uint64_t image_span = 0;    // the image takes [0, image_span)
  uint64_t heap_offset = 0;
  uint64_t heap_size = 0;
  uint64_t entry_offset = 0;   // TCS.OENTRY: confidant_enclave_entry's offset, or 0
  std::vector<TcsLayout> tcs;  // config.num_tcs of them
  // Every region in offset order: image segments, guards, heap, then per TCS stack, guard, TCS,
  // SSA, guard.
  std::vector<Region> regions;
  friend bool operator==(const EnclaveLayout&, const EnclaveLayout&) = default;
};

// The layout of `image` under `config`. InvalidArgument if it would exceed kMaxEnclaveLayout.
Result<EnclaveLayout> ComputeEnclaveLayout(const ElfImage& image, const EnclaveConfig& config);

// The 4096 bytes of TCS `index` (< layout.tcs.size()): OSSA = its ssa_offset, NSSA =
// kSsaFramesPerTcs, OENTRY = layout.entry_offset, OFSBASE = OGSBASE = 0, FSLIMIT = GSLIMIT =
// kTcsSegmentLimit, every other byte 0 (SDM TCS layout: FLAGS@8, OSSA@16, CSSA@24, NSSA@28,
// OENTRY@32, AEP@40, OFSBASE@48, OGSBASE@56, FSLIMIT@64, GSLIMIT@68).
std::array<uint8_t, 4096> TcsPage(const EnclaveLayout& layout, size_t index);

// The 4096 bytes of the image page at `offset` (page-aligned, inside a PT_LOAD's pages) as
// dlopen() maps it: the file's bytes at that page's file offset (zeros past the end of the file),
// with [p_vaddr + p_filesz, p_vaddr + p_memsz) zeroed within the page; a page wholly past
// p_filesz is zeros.
std::array<uint8_t, 4096> ImagePage(const ElfImage& image, const LoadSegment& segment,
                                    uint64_t offset);

// MRENCLAVE of the enclave `image` and `config` lay out.
Result<Measurement> MeasureEnclave(const ElfImage& image, const EnclaveConfig& config);
// The same with the layout already computed. REQUIRES: layout == ComputeEnclaveLayout(image, c).
Result<Measurement> MeasureEnclave(const ElfImage& image, const EnclaveLayout& layout);

}  // namespace confidant::image

#endif  // CONFIDANT_IMAGE_ENCLAVE_LAYOUT_H_
